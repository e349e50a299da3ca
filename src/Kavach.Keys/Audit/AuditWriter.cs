using Kavach.Keys.Storage;

namespace Kavach.Keys.Audit;

/// <summary>
/// Appends entries to the chain in batches (a <see cref="GroupCommitQueue{TItem, TResult}"/>): callers queue their
/// entry and wait; each batch is sealed after the head under the database's audit lock, inserted in one transaction,
/// and its waiters completed. Under load a batch holds hundreds of entries, so the lock and the commit are paid once per
/// batch, not once per request.
/// </summary>
public sealed class AuditWriter
{
    private readonly IAuditStore _store;
    private readonly Func<CancellationToken, Task<(string AliasId, byte[] MacKey)>> _macKey;
    private readonly TimeProvider _time;
    private readonly TimeSpan _storeTimeout;
    private readonly GroupCommitQueue<AuditEntry, AuditRecord> _queue;

    /// <summary>
    /// Creates the writer; <paramref name="macKey"/> gives the record MAC key (fetched before the lock is taken); a batch
    /// that cannot be stored within <paramref name="storeTimeout"/> fails; <paramref name="commitInterval"/> is the
    /// shortest time between the starts of two batches while entries keep coming (0: no pacing).
    /// </summary>
    public AuditWriter(IAuditStore store, Func<CancellationToken, Task<(string AliasId, byte[] MacKey)>> macKey, TimeProvider time, TimeSpan storeTimeout, int maxBatch = 500, TimeSpan commitInterval = default)
    {
        _store = store;
        _macKey = macKey;
        _time = time;
        _storeTimeout = storeTimeout;
        _queue = new GroupCommitQueue<AuditEntry, AuditRecord>(WriteAsync, time, maxBatch) { CommitInterval = commitInterval };
    }

    /// <summary>The largest number of entries sealed in one transaction.</summary>
    public int MaxBatch => _queue.MaxBatch;

    /// <summary>Raised after each committed batch with the new head (not under the lock).</summary>
    public event Action<AuditHead>? Committed;

    /// <summary>Queues <paramref name="entry"/>; completes with its sealed record once committed, or faults when the batch failed.</summary>
    public Task<AuditRecord> AppendAsync(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _queue.EnqueueAsync(entry);
    }

    /// <summary>Completes once everything queued before the call is committed or failed (the drainer is idle).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _queue.FlushAsync(cancellationToken);

    private async Task<IReadOnlyList<AuditRecord>> WriteAsync(IReadOnlyList<AuditEntry> batch)
    {
        AuditHead head;
        List<AuditRecord> records;
        try
        {
            using var timeout = new CancellationTokenSource(_storeTimeout, _time);
            var (macAlias, macKey) = await _macKey(timeout.Token);
            await using var scope = await _store.BeginAuditWriteAsync(timeout.Token);
            head = await scope.GetHeadAsync(timeout.Token);
            records = new List<AuditRecord>(batch.Count);
            foreach (var entry in batch)
            {
                var record = AuditChain.Seal(head.Seq + 1, entry, head.Hash, macAlias, macKey);
                records.Add(record);
                head = new AuditHead(record.Seq, record.Hash);
            }

            await scope.InsertRecordsAsync(records, timeout.Token);
            await scope.CommitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is not AuditUnavailableException)
        {
            throw new AuditUnavailableException("The audit trail could not be written.", exception);
        }

        Committed?.Invoke(head);
        return records;
    }
}
