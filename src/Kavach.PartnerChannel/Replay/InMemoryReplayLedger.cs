using System.Collections.Concurrent;
using Kavach.Trust.Channel;

namespace Kavach.PartnerChannel.Replay;

/// <summary>
/// A replay ledger for one process (and tests): bounded and expiring. Past half its capacity it purges expired entries
/// (at most once a second); when full it purges at once, and if it is still full the request is refused (treated as a
/// replay) rather than forgetting a live identifier, which would let a replay through. The default capacity holds two
/// minutes (twice the default window) of about 2,000 requests a second.
/// </summary>
public sealed class InMemoryReplayLedger : IReplayLedger
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly int _capacity;

    // ConcurrentDictionary.Count takes every lock; the hot path reads this counter instead.
    private int _count;
    private long _lastPurgeTicks;

    /// <summary>Creates a ledger holding at most <paramref name="capacity"/> live identifiers.</summary>
    public InMemoryReplayLedger(TimeProvider time, int capacity = 250_000)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _capacity = capacity;
    }

    /// <summary>How many identifiers are held (live or not yet purged).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public ValueTask<bool> TryRecordAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _time.GetUtcNow();
        long lastPurge = Interlocked.Read(ref _lastPurgeTicks);
        if (Count >= _capacity / 2 && now.UtcTicks - lastPurge >= TimeSpan.TicksPerSecond
            && Interlocked.CompareExchange(ref _lastPurgeTicks, now.UtcTicks, lastPurge) == lastPurge)
        {
            Purge(now);
        }

        if (Count >= _capacity)
        {
            Purge(now);
            if (Count >= _capacity)
            {
                return ValueTask.FromResult(false);
            }
        }

        while (true)
        {
            if (_entries.TryAdd(key, expiresAt))
            {
                Interlocked.Increment(ref _count);
                return ValueTask.FromResult(true);
            }

            if (!_entries.TryGetValue(key, out var existing))
            {
                continue;
            }

            if (existing > now)
            {
                return ValueTask.FromResult(false);
            }

            // An expired entry for the same key: replace it atomically, or retry if another caller won.
            if (_entries.TryUpdate(key, expiresAt, existing))
            {
                return ValueTask.FromResult(true);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Purge(now));

    private int Purge(DateTimeOffset now)
    {
        var removed = 0;
        foreach (var entry in _entries)
        {
            if (entry.Value <= now && _entries.TryRemove(entry))
            {
                Interlocked.Decrement(ref _count);
                removed++;
            }
        }

        return removed;
    }
}
