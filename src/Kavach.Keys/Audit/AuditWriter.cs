using System.Collections.Concurrent;

namespace Kavach.Keys.Audit;

/// <summary>
/// Appends entries to the chain in batches (group commit): callers queue their entry and wait; one drainer at a time
/// takes everything queued (up to <see cref="MaxBatch"/>), seals it after the head under the database's audit lock,
/// inserts it in one transaction and completes the waiters. Under load a batch holds hundreds of entries, so the
/// lock and the commit are paid once per batch, not once per request. The drainer runs only while there is work.
/// </summary>
public sealed class AuditWriter
{
    private readonly IAuditStore _store;
    private readonly Func<CancellationToken, Task<(string AliasId, byte[] MacKey)>> _macKey;
    private readonly TimeProvider _time;
    private readonly TimeSpan _storeTimeout;
    private readonly ConcurrentQueue<Pending> _queue = new();
    private int _draining;
    private Task _drain = Task.CompletedTask;

    /// <summary>
    /// Creates the writer; <paramref name="macKey"/> gives the record MAC key (fetched before the lock is taken); a batch
    /// that cannot be stored within <paramref name="storeTimeout"/> fails.
    /// </summary>
    public AuditWriter(IAuditStore store, Func<CancellationToken, Task<(string AliasId, byte[] MacKey)>> macKey, TimeProvider time, TimeSpan storeTimeout, int maxBatch = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _store = store;
        _macKey = macKey;
        _time = time;
        _storeTimeout = storeTimeout;
        MaxBatch = maxBatch;
    }

    /// <summary>The largest number of entries sealed in one transaction.</summary>
    public int MaxBatch { get; }

    /// <summary>The shortest time between the starts of two batches while entries keep coming (0: no pacing).</summary>
    public TimeSpan CommitInterval { get; init; }

    /// <summary>Raised after each committed batch with the new head (not under the lock).</summary>
    public event Action<AuditHead>? Committed;

    /// <summary>Queues <paramref name="entry"/>; completes with its sealed record once committed, or faults when the batch failed.</summary>
    public Task<AuditRecord> AppendAsync(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var pending = new Pending(entry);
        _queue.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            // The drainer serves every caller: it must not carry the first caller's ambient state (its AuditScope
            // would otherwise hear about the audit key or checkpoint signatures the drainer uses).
            using (ExecutionContext.SuppressFlow())
            {
                Volatile.Write(ref _drain, Task.Run(DrainAsync));
            }
        }

        return pending.Completion.Task;
    }

    /// <summary>Completes once everything queued before the call is committed or failed (the drainer is idle).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (!_queue.IsEmpty || Volatile.Read(ref _draining) != 0)
        {
            // Between the flag being set and the drain task being stored the old (finished) task is seen: yield and look again.
            await Volatile.Read(ref _drain).WaitAsync(cancellationToken);
            await Task.Yield();
        }
    }

    private async Task DrainAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        long? lastStart = null;
        while (true)
        {
            // Back to back, each commit would carry the one or two entries that arrived during the previous one's fsync:
            // waiting out the rest of the interval lets a batch gather everything that arrives meanwhile.
            if (lastStart is { } started && _time.GetElapsedTime(started) is var elapsed && elapsed < CommitInterval && _queue.Count < MaxBatch)
            {
                await Task.Delay(CommitInterval - elapsed, _time);
            }

            batch.Clear();
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                Volatile.Write(ref _draining, 0);

                // An entry queued after the last TryDequeue but before the reset found the flag still set: take it.
                if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            lastStart = _time.GetTimestamp();
            AuditHead head;
            IReadOnlyList<AuditRecord> records;
            try
            {
                (head, records) = await WriteAsync(batch);
            }
#pragma warning disable CA1031 // every waiter gets the failure; the drainer itself must keep going
            catch (Exception exception)
#pragma warning restore CA1031
            {
                var failure = exception as AuditUnavailableException ?? new AuditUnavailableException("The audit trail could not be written.", exception);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(failure);
                }

                continue;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(records[i]);
            }

            Committed?.Invoke(head);
        }
    }

    private async Task<(AuditHead Head, IReadOnlyList<AuditRecord> Records)> WriteAsync(List<Pending> batch)
    {
        using var timeout = new CancellationTokenSource(_storeTimeout, _time);
        var (macAlias, macKey) = await _macKey(timeout.Token);
        await using var scope = await _store.BeginAuditWriteAsync(timeout.Token);
        var head = await scope.GetHeadAsync(timeout.Token);
        var records = new List<AuditRecord>(batch.Count);
        foreach (var pending in batch)
        {
            var record = AuditChain.Seal(head.Seq + 1, pending.Entry, head.Hash, macAlias, macKey);
            records.Add(record);
            head = new AuditHead(record.Seq, record.Hash);
        }

        await scope.InsertRecordsAsync(records, timeout.Token);
        await scope.CommitAsync(timeout.Token);
        return (head, records);
    }

    private sealed class Pending(AuditEntry entry)
    {
        public AuditEntry Entry { get; } = entry;

        public TaskCompletionSource<AuditRecord> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
