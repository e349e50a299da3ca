namespace Kavach.Devices.Repository.Whitelist;

/// <summary>An imported whitelist batch (table <c>whitelist_batch</c>); the signed file is kept as evidence.</summary>
/// <param name="BatchId">The factory's batch id (at most 64 characters).</param>
/// <param name="ProviderId">The device provider whose factory signed it.</param>
/// <param name="State">Where it is.</param>
/// <param name="EntryCount">How many devices it names.</param>
/// <param name="BatchSha256">Lower-case hex SHA-256 of the batch file.</param>
/// <param name="FactoryCertSha256">Lower-case hex SHA-256 of the factory certificate that signed it.</param>
/// <param name="BatchJws">The batch file (compact JWS) as imported.</param>
/// <param name="ApprovalId">The four-eyes request that decides it.</param>
/// <param name="ImportedBy">The administrator who imported it.</param>
/// <param name="ImportedAt">When.</param>
/// <param name="DecidedBy">The second administrator who approved or rejected it.</param>
/// <param name="DecidedAt">When.</param>
public sealed record WhitelistBatchRecord(
    string BatchId,
    string ProviderId,
    WhitelistBatchState State,
    int EntryCount,
    string BatchSha256,
    string FactoryCertSha256,
    string BatchJws,
    string? ApprovalId,
    string ImportedBy,
    DateTimeOffset ImportedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt);
