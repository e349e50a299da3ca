namespace Kavach.Devices.Repository.Whitelist;

/// <summary>Imported whitelist batches and their entries (tables <c>whitelist_batch</c>, <c>whitelist_entry</c>).</summary>
public interface IWhitelistStore
{
    /// <summary>Records a batch with all its entries in one transaction; false, and nothing written, when the batch id exists.</summary>
    Task<bool> TryInsertBatchAsync(WhitelistBatchRecord batch, IReadOnlyList<WhitelistEntry> entries, CancellationToken cancellationToken);

    /// <summary>The batch with this id, or null.</summary>
    Task<WhitelistBatchRecord?> GetBatchAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>Batches, newest first, optionally only in one state; at most <paramref name="limit"/> (1–1000).</summary>
    Task<IReadOnlyList<WhitelistBatchRecord>> ListBatchesAsync(WhitelistBatchState? state, int limit, CancellationToken cancellationToken);

    /// <summary>The entries of a batch, in serial order.</summary>
    Task<IReadOnlyList<WhitelistEntry>> ListEntriesAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>Of <paramref name="serials"/>, those already in the registry or in a Pending batch.</summary>
    Task<IReadOnlyList<string>> FindKnownSerialsAsync(IReadOnlyList<string> serials, CancellationToken cancellationToken);

    /// <summary>Of <paramref name="serials"/>, those already in the registry (with their state) or in a Pending batch.</summary>
    Task<IReadOnlyList<KnownSerial>> DescribeKnownSerialsAsync(IReadOnlyList<string> serials, CancellationToken cancellationToken);

    /// <summary>
    /// Applies an approved batch to the registry in one transaction: inserts <paramref name="added"/> and re-admits
    /// <paramref name="readmitted"/> (<see cref="DeviceReadmission"/>); false, and nothing written, when an added serial
    /// exists or a re-admitted device is no longer in its expected state and version.
    /// </summary>
    Task<bool> TryAdmitDevicesAsync(IReadOnlyList<Registry.DeviceRecord> added, IReadOnlyList<DeviceReadmission> readmitted, CancellationToken cancellationToken);

    /// <summary>Records the approval request that decides the batch.</summary>
    Task<bool> TrySetBatchApprovalAsync(string batchId, string approvalId, CancellationToken cancellationToken);

    /// <summary>Moves the batch from Pending to <paramref name="to"/> with who decided and when; false when it was not Pending.</summary>
    Task<bool> TryDecideBatchAsync(string batchId, WhitelistBatchState to, string decidedBy, DateTimeOffset at, CancellationToken cancellationToken);
}
