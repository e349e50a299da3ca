namespace Kavach.Keys.Audit;

/// <summary>How the audit trail batches and checkpoints.</summary>
public sealed record AuditTrailSettings
{
    /// <summary>A checkpoint is made once this many records follow the last one (0: only by time or on demand).</summary>
    public int CheckpointEveryRecords { get; init; } = 1000;

    /// <summary>The largest number of entries sealed in one transaction.</summary>
    public int MaxBatch { get; init; } = 500;

    /// <summary>
    /// Under sustained load a batch is committed at most this often, so that it gathers the entries of many requests and
    /// the commit (an fsync) is paid once for all of them. An append after a quiet spell is committed at once.
    /// </summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How long an append may wait for the database before the request fails closed.</summary>
    public TimeSpan AppendTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
