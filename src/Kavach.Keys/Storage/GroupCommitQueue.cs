using System.Collections.Concurrent;

namespace Kavach.Keys.Storage;

/// <summary>
/// Group commit for a store's small durable writes: callers queue an item and wait; one drainer at a time takes
/// everything queued (up to <see cref="MaxBatch"/>) and hands it to the commit function, which writes the batch in one
/// transaction and returns one result per item, in order. Under load a batch holds many items, so the transaction and
/// its fsync are paid once per batch, not once per caller. The drainer runs only while there is work. When the commit
/// throws, every caller of that batch gets the exception: nothing is reported written that was not.
/// </summary>
/// <typeparam name="TItem">What a caller asks to write.</typeparam>
/// <typeparam name="TResult">What the write tells that caller.</typeparam>
public sealed class GroupCommitQueue<TItem, TResult>
{
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> _commit;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<Pending> _queue = new();
    private int _draining;
    private Task _drain = Task.CompletedTask;

    /// <summary>Creates the queue; <paramref name="commit"/> writes one batch durably and returns a result per item, in order.</summary>
    public GroupCommitQueue(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> commit, TimeProvider time, int maxBatch = 500)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _commit = commit;
        _time = time;
        MaxBatch = maxBatch;
    }

    /// <summary>The largest number of items written in one commit.</summary>
    public int MaxBatch { get; }

    /// <summary>The shortest time between the starts of two commits while items keep coming (0: no pacing).</summary>
    public TimeSpan CommitInterval { get; init; }

    /// <summary>Queues <paramref name="item"/>; completes with its result once its batch is committed, or faults when the batch failed.</summary>
    public Task<TResult> EnqueueAsync(TItem item)
    {
        var pending = new Pending(item);
        _queue.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            // The drainer serves every caller: it must not carry the first caller's ambient state (an audit scope,
            // an activity) into the writes it makes for the others.
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
        var batch = new List<Pending>(Math.Min(MaxBatch, 64));
        var items = new List<TItem>(batch.Capacity);
        long? lastStart = null;
        while (true)
        {
            // Back to back, each commit would carry the one or two items that arrived during the previous one's fsync:
            // waiting out the rest of the interval lets a batch gather everything that arrives meanwhile.
            if (lastStart is { } started && _time.GetElapsedTime(started) is var elapsed && elapsed < CommitInterval && _queue.Count < MaxBatch)
            {
                await Task.Delay(CommitInterval - elapsed, _time);
            }

            batch.Clear();
            items.Clear();
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
            {
                batch.Add(next);
                items.Add(next.Item);
            }

            if (batch.Count == 0)
            {
                Volatile.Write(ref _draining, 0);

                // An item queued after the last TryDequeue but before the reset found the flag still set: take it.
                if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            lastStart = _time.GetTimestamp();
            IReadOnlyList<TResult> results;
            try
            {
                results = await _commit(items);
                if (results.Count != batch.Count)
                {
                    throw new InvalidOperationException("The commit returned a result count that does not match its batch.");
                }
            }
#pragma warning disable CA1031 // every waiter gets the failure; the drainer itself must keep going
            catch (Exception exception)
#pragma warning restore CA1031
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(exception);
                }

                continue;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
    }

    private sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
