namespace Kavach.Keys.Audit;

/// <summary>The result of verifying the audit chain and its checkpoints.</summary>
/// <param name="Records">Records read.</param>
/// <param name="HeadSeq">The highest sequence number read.</param>
/// <param name="Checkpoints">Checkpoints that verified.</param>
/// <param name="LastCheckpointSeq">The last record covered by a verified checkpoint (0 if none).</param>
/// <param name="FirstBadSeq">The first bad record (or the record a bad checkpoint names), null when all is well.</param>
/// <param name="Problem">What is wrong there, null when all is well.</param>
/// <param name="AnchoredSeq">The last record anchored outside the database (0 if none, or no anchor store).</param>
public sealed record AuditVerification(long Records, long HeadSeq, int Checkpoints, long LastCheckpointSeq, long? FirstBadSeq, string? Problem, long AnchoredSeq = 0)
{
    /// <summary>True when the chain and every checkpoint verified.</summary>
    public bool IsValid => FirstBadSeq is null;

    /// <summary>Records after the last verified checkpoint: protected by the chain only, not yet by a signature.</summary>
    public long UncoveredRecords => Math.Max(0, HeadSeq - LastCheckpointSeq);
}
