namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary><c>POST /audit/verify</c>: the result of <c>kavach audit verify</c>.</summary>
/// <param name="Ok">True when the chain, every checkpoint and the external anchor verified.</param>
/// <param name="RecordsChecked">Records read.</param>
/// <param name="CheckpointsChecked">Checkpoints that verified.</param>
/// <param name="LastSeq">The highest seq read.</param>
/// <param name="FirstBadSeq">The first bad record, null when all is well.</param>
/// <param name="Problem">What is wrong there, null when all is well.</param>
/// <param name="LastCheckpointSeq">The last record covered by a verified checkpoint.</param>
/// <param name="AnchoredSeq">The last record anchored outside the database.</param>
public sealed record AuditVerifyResponseDto(
    bool Ok,
    long RecordsChecked,
    int CheckpointsChecked,
    long LastSeq,
    long? FirstBadSeq,
    string? Problem,
    long LastCheckpointSeq,
    long AnchoredSeq);
