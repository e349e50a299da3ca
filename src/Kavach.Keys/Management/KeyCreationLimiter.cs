using System.Collections.Concurrent;
using Kavach.Keys.Access;
using Kavach.Keys.Errors;
using Kavach.Keys.Storage;

namespace Kavach.Keys.Management;

/// <summary>
/// The gate in front of implicit base-key creation (first getCertificate, encrypt, jwtEncrypt or generateCSR for a new
/// reference id): only callers bound to the application may create, at most <see cref="KeyCreationLimits.PerMinute"/>
/// a minute and <see cref="KeyCreationLimits.Total"/> in all per caller and application. The check and the creation of
/// one caller and application run one at a time in this process, so sequential and concurrent floods stop at the same count.
/// </summary>
public sealed class KeyCreationLimiter
{
    // Keeps the bucket table bounded when many distinct callers come and go: full buckets carry no state worth keeping.
    private const int PruneThreshold = 10_000;

    private readonly IKeyStore _store;
    private readonly ApplicationBindings _bindings;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Creator, string AppId), Bucket> _buckets = new();

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

        var bucket = BucketOf(caller.CreatorId, appId);
        await bucket.Gate.WaitAsync(cancellationToken);
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

            if (!bucket.TryTake(_time.GetUtcNow(), Limits.PerMinute))
            {
                return ErrorCodes.KeyCreationRateExceeded;
            }

            return await create();
        }
        finally
        {
            bucket.Gate.Release();
        }
    }

    private Bucket BucketOf(string creator, string appId)
    {
        if (_buckets.Count > PruneThreshold)
        {
            var now = _time.GetUtcNow();
            foreach (var (key, bucket) in _buckets)
            {
                if (bucket.IsFull(now, Limits.PerMinute) && bucket.Gate.CurrentCount == 1)
                {
                    _buckets.TryRemove(key, out _);
                }
            }
        }

        return _buckets.GetOrAdd((creator, appId), static (_, state) => new Bucket(state.Limits.PerMinute, state.Now), (Limits, Now: _time.GetUtcNow()));
    }

    /// <summary>A token bucket refilled at <c>capacity</c> tokens a minute; guarded by <see cref="Gate"/>.</summary>
    private sealed class Bucket(int capacity, DateTimeOffset now)
    {
        private double _tokens = capacity;
        private DateTimeOffset _updated = now;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public bool TryTake(DateTimeOffset now, int capacity)
        {
            Refill(now, capacity);
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }

        public bool IsFull(DateTimeOffset now, int capacity) =>
            _tokens + ((now - _updated).TotalMinutes * capacity) >= capacity;

        private void Refill(DateTimeOffset now, int capacity)
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
