using System.Collections.Concurrent;
using Kavach.Keys.Access;
using Kavach.Keys.Errors;
using Kavach.Keys.Storage;

namespace Kavach.Keys.Management;

/// <summary>
/// The gate in front of implicit base-key creation (first getCertificate, encrypt, jwtEncrypt or generateCSR for a new
/// reference id): only callers bound to the application may create, at most <see cref="KeyCreationLimits.PerMinute"/>
/// a minute (a token bucket per caller and application, refilled by the injected clock) and
/// <see cref="KeyCreationLimits.Total"/> in all per caller and application (counted in the store). The check and the
/// creation of one caller and application run one at a time in this process, so sequential and concurrent floods stop
/// at the same count.
/// </summary>
public sealed class KeyCreationLimiter
{
    // Keeps the partition table bounded when many distinct callers come and go: full buckets carry no state worth keeping.
    private const int PruneThreshold = 10_000;

    private readonly IKeyStore _store;
    private readonly ApplicationBindings _bindings;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Creator, string AppId), Partition> _partitions = new();

    /// <summary>Creates the limiter.</summary>
    public KeyCreationLimiter(IKeyStore store, ApplicationBindings bindings, KeyCreationLimits limits, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.PerMinute);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.Total);
        _store = store;
        _bindings = bindings;
        Limits = limits;
        _time = time;
    }

    /// <summary>The limits in force.</summary>
    public KeyCreationLimits Limits { get; }

    /// <summary>
    /// Runs <paramref name="create"/> when <paramref name="caller"/> may create a base key of <paramref name="appId"/> now;
    /// otherwise returns the refusal (KER-KMS-051 not bound, KER-KMS-052 rate, KER-KMS-053 total) and nothing is made.
    /// </summary>
    public Task<Result<T>> RunAsync<T>(Caller caller, string appId, Func<Task<Result<T>>> create, CancellationToken cancellationToken) =>
        RunAsync(caller, appId, static () => Task.FromResult<Result<T>?>(null), create, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync{T}(Caller, string, Func{Task{Result{T}}}, CancellationToken)"/>, but first, once this
    /// caller's turn has come, asks <paramref name="existing"/> whether the key was made meanwhile (by a concurrent
    /// request): such a key is returned without counting against the limits.
    /// </summary>
    public async Task<Result<T>> RunAsync<T>(Caller caller, string appId, Func<Task<Result<T>?>> existing, Func<Task<Result<T>>> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(create);
        if (caller.IsSystem)
        {
            return await create();
        }

        if (!_bindings.MayCreate(caller, appId))
        {
            return ErrorCodes.KeyCreationNotAllowed;
        }

        var partition = await EnterAsync((caller.CreatorId, appId), cancellationToken);
        try
        {
            if (await existing() is { } made)
            {
                return made;
            }

            if (await _store.CountBaseKeysCreatedByAsync(appId, caller.CreatorId, cancellationToken) >= Limits.Total)
            {
                return ErrorCodes.KeyCreationTotalExceeded;
            }

            if (!partition.TryTake(_time.GetUtcNow()))
            {
                return ErrorCodes.KeyCreationRateExceeded;
            }

            return await create();
        }
        finally
        {
            partition.Gate.Release();
        }
    }

    /// <summary>Waits for the turn of (creator, appId) and returns its partition, its gate held.</summary>
    private async Task<Partition> EnterAsync((string Creator, string AppId) key, CancellationToken cancellationToken)
    {
        while (true)
        {
            PruneIfLarge();
            var partition = _partitions.GetOrAdd(key, static (_, state) => new Partition(state.PerMinute, state.Now), (Limits.PerMinute, Now: _time.GetUtcNow()));
            await partition.Gate.WaitAsync(cancellationToken);

            // A partition pruned while this request waited for it is no longer the caller's: take the current one, so
            // one caller and application never have two turns at once.
            if (_partitions.TryGetValue(key, out var current) && ReferenceEquals(current, partition))
            {
                return partition;
            }

            partition.Gate.Release();
        }
    }

    /// <summary>
    /// Keeps the partition table bounded when many distinct callers come and go. Only partitions that carry no state
    /// are removed: nobody's turn, and a bucket that would be full now (so a new one, full, is the same thing). A
    /// least-recently-used eviction would forget buckets that are not full, which would reset a caller's rate.
    /// </summary>
    private void PruneIfLarge()
    {
        if (_partitions.Count <= PruneThreshold)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var entry in _partitions)
        {
            var partition = entry.Value;
            if (partition.Gate.Wait(0))
            {
                try
                {
                    if (partition.IsFull(now))
                    {
                        // Its gate stays usable: a request that still holds the partition only releases it and retries.
                        _partitions.TryRemove(entry);
                    }
                }
                finally
                {
                    partition.Gate.Release();
                }
            }
        }
    }

    /// <summary>
    /// One caller and application: its turn (<see cref="Gate"/>) and a token bucket of <c>PerMinute</c> tokens refilled
    /// evenly over a minute of the injected clock. Only touched under <see cref="Gate"/>.
    /// </summary>
    /// <remarks>
    /// Not a System.Threading.RateLimiting <c>TokenBucketRateLimiter</c>: the library's limiters take no
    /// <see cref="TimeProvider"/> (dotnet/runtime#106447) and read <see cref="System.Diagnostics.Stopwatch"/> even when
    /// not auto-replenishing — TryReplenish then adds tokens for the machine time since its last call — so a bucket built
    /// on it would refill by machine time, not by the clock every other key rule and every test uses.
    /// </remarks>
    private sealed class Partition(int capacity, DateTimeOffset now)
    {
        private double _tokens = capacity;
        private DateTimeOffset _updated = now;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public bool TryTake(DateTimeOffset now)
        {
            Refill(now);
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }

        public bool IsFull(DateTimeOffset now) =>
            _tokens + ((now - _updated).TotalMinutes * capacity) >= capacity;

        private void Refill(DateTimeOffset now)
        {
            var elapsed = now - _updated;
            if (elapsed > TimeSpan.Zero)
            {
                _tokens = Math.Min(capacity, _tokens + (elapsed.TotalMinutes * capacity));
                _updated = now;
            }
        }
    }
}
