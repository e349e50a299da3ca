namespace Kavach.Keys.Audit;

/// <summary>A transaction holding the audit lock: read the head, append records and checkpoints, commit.</summary>
public interface IAuditWriteScope : IAsyncDisposable
{
    /// <summary>The newest record as committed by the previous lock holder, or <see cref="AuditHead.Empty"/>.</summary>
    Task<AuditHead> GetHeadAsync(CancellationToken cancellationToken);

    /// <summary>The newest checkpoint, or null.</summary>
    Task<AuditCheckpoint?> GetLastCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>Inserts sealed records (consecutive, following the head).</summary>
    Task InsertRecordsAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken);

    /// <summary>Inserts a checkpoint.</summary>
    Task InsertCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Commits and releases the lock.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
