namespace Kavach.Devices.Transparency;

/// <summary>
/// The transparency log's tables (<c>device_log_leaf</c>, <c>device_log_sth</c>). Appends are serialised by the
/// database (a lock every replica shares, and the leaf index as primary key), so two replicas never give two leaves one
/// index and the tree never forks. Leaves are never updated or deleted.
/// </summary>
public interface ITransparencyLogStore
{
    /// <summary>
    /// Appends one leaf at the next index, under the database's append lock, and returns that index. The indexing
    /// columns (<paramref name="entry"/>'s kind, serial, FTM hash, certificate serial) are stored beside the bytes for lookups.
    /// </summary>
    Task<long> AppendLeafAsync(TransparencyEntry entry, byte[] leaf, byte[] leafHash, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The number of leaves.</summary>
    Task<long> GetLeafCountAsync(CancellationToken cancellationToken);

    /// <summary>Leaves from index <paramref name="from"/> on, in index order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<TransparencyLeafRecord>> ReadLeavesAsync(long from, int limit, CancellationToken cancellationToken);

    /// <summary>The first leaf with this hash, or null.</summary>
    Task<TransparencyLeafRecord?> FindLeafByHashAsync(byte[] leafHash, CancellationToken cancellationToken);

    /// <summary>Records a signed tree head; false when one of that size is already stored (the first one stays).</summary>
    Task<bool> TryInsertTreeHeadAsync(SignedTreeHead head, CancellationToken cancellationToken);

    /// <summary>The signed tree head of the largest size, or null when none was signed yet.</summary>
    Task<SignedTreeHead?> GetLatestTreeHeadAsync(CancellationToken cancellationToken);

    /// <summary>The signed tree head of exactly <paramref name="treeSize"/> leaves, or null.</summary>
    Task<SignedTreeHead?> GetTreeHeadAsync(long treeSize, CancellationToken cancellationToken);
}
