namespace Kavach.Keys.Audit;

/// <summary>
/// Where the audit chain and its checkpoints are kept: append-only tables in the key store's database. Appends and
/// checkpoints run in <see cref="BeginAuditWriteAsync"/>'s scope, which holds the database-wide audit lock, so any
/// number of threads and server replicas extend one chain without gaps.
/// </summary>
public interface IAuditStore
{
    /// <summary>Takes the audit lock in a transaction; dispose the scope (it rolls back unless committed).</summary>
    Task<IAuditWriteScope> BeginAuditWriteAsync(CancellationToken cancellationToken);

    /// <summary>Records with <paramref name="fromSeq"/> ≤ seq ≤ <paramref name="toSeq"/>, by seq, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadAuditRecordsAsync(long fromSeq, long toSeq, int limit, CancellationToken cancellationToken);

    /// <summary>Checkpoints with <paramref name="fromSeq"/> ≤ seq ≤ <paramref name="toSeq"/>, by seq.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> ReadAuditCheckpointsAsync(long fromSeq, long toSeq, CancellationToken cancellationToken);

    /// <summary>The sequence number the newest checkpoint covers, or 0.</summary>
    Task<long> GetLastAuditCheckpointSeqAsync(CancellationToken cancellationToken);

    /// <summary>The newest record (no lock), or <see cref="AuditHead.Empty"/>.</summary>
    Task<AuditHead> GetAuditHeadAsync(CancellationToken cancellationToken);
}
