using Kavach.Devices.Repository.Whitelist;

namespace Kavach.Devices.Server.Admin;

/// <summary>A whitelist batch as the admin API shows it (the signed file itself stays in the repository as evidence).</summary>
public sealed record WhitelistBatchView(
    string BatchId,
    string ProviderId,
    WhitelistBatchState State,
    int EntryCount,
    string BatchSha256,
    string FactoryCertSha256,
    string? ApprovalId,
    string ImportedBy,
    DateTimeOffset ImportedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt)
{
    /// <summary>The view of <paramref name="batch"/>.</summary>
    public static WhitelistBatchView Of(WhitelistBatchRecord batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new(
            batch.BatchId, batch.ProviderId, batch.State, batch.EntryCount, batch.BatchSha256, batch.FactoryCertSha256,
            batch.ApprovalId, batch.ImportedBy, batch.ImportedAt, batch.DecidedBy, batch.DecidedAt);
    }
}
