using Microsoft.Extensions.Time.Testing;
using Kavach.Keys.Access;
using Kavach.Keys.Errors;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Testing;

namespace Kavach.Keys.Tests.Access;

public sealed class KeyCreationLimiterTests
{
    private static readonly ApplicationBindings Bindings = ApplicationBindings.Create(
        new Dictionary<string, string> { ["RESIDENT"] = "RESIDENT", ["REGISTRATION_PROCESSOR"] = "REGISTRATION" },
        new Dictionary<string, string>(),
        new Dictionary<string, string> { ["ZONAL_ADMIN"] = "REGISTRATION" },
        new Dictionary<string, string>());

    private static readonly Caller Resident = Caller.Of("resident1", ["RESIDENT"]);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CountingStore _store = new();

    [Fact]
    public async Task An_unbound_caller_creates_nothing()
    {
        var limiter = new KeyCreationLimiter(_store, Bindings, new KeyCreationLimits(10, 10), _time);
        var result = await Run(limiter, Caller.Of("admin", ["GLOBAL_ADMIN"]), "REGISTRATION");
        Assert.Equal(ErrorCodes.KeyCreationNotAllowed, result.Error);
        result = await Run(limiter, Resident, "REGISTRATION");
        Assert.Equal(ErrorCodes.KeyCreationNotAllowed, result.Error);
        Assert.Equal(0, _store.Created);
    }

    [Fact]
    public async Task The_rate_is_a_bucket_per_caller_and_application_refilled_over_a_minute()
    {
        var limiter = new KeyCreationLimiter(_store, Bindings, new KeyCreationLimits(3, 1000), _time);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await Run(limiter, Resident, "RESIDENT")).IsSuccess);
        }

        var refused = await Run(limiter, Resident, "RESIDENT");
        Assert.Equal(ErrorCodes.KeyCreationRateExceeded, refused.Error);
        Assert.Equal(3, _store.Created);

        // Another caller, and the same caller on another application, have buckets of their own.
        Assert.True((await Run(limiter, Caller.Of("resident2", ["RESIDENT"]), "RESIDENT")).IsSuccess);
        Assert.True((await Run(limiter, Caller.Of("resident1", ["RESIDENT", "REGISTRATION_PROCESSOR"]), "REGISTRATION")).IsSuccess);

        // A third of a minute refills one key (3 a minute).
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.True((await Run(limiter, Resident, "RESIDENT")).IsSuccess);
        Assert.Equal(ErrorCodes.KeyCreationRateExceeded, (await Run(limiter, Resident, "RESIDENT")).Error);
    }

    [Fact]
    public async Task The_total_is_counted_in_the_store_so_it_survives_a_new_limiter()
    {
        var limits = new KeyCreationLimits(100, 2);
        var first = new KeyCreationLimiter(_store, Bindings, limits, _time);
        Assert.True((await Run(first, Resident, "RESIDENT")).IsSuccess);
        Assert.True((await Run(first, Resident, "RESIDENT")).IsSuccess);
        Assert.Equal(ErrorCodes.KeyCreationTotalExceeded, (await Run(first, Resident, "RESIDENT")).Error);

        // A restarted process (or another replica) sees the same rows.
        var second = new KeyCreationLimiter(_store, Bindings, limits, _time);
        Assert.Equal(ErrorCodes.KeyCreationTotalExceeded, (await Run(second, Resident, "RESIDENT")).Error);
        Assert.Equal(2, _store.Created);
        Assert.Equal(2, _store.CountFor("RESIDENT", "resident1"));

        // Someone else's total is their own.
        Assert.True((await Run(second, Caller.Of("resident2", ["RESIDENT"]), "RESIDENT")).IsSuccess);
    }

    [Fact]
    public async Task Concurrent_requests_of_one_caller_stop_at_the_limit()
    {
        var limiter = new KeyCreationLimiter(_store, Bindings, new KeyCreationLimits(1000, 5), _time);
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            Task.Run(() => Run(limiter, Resident, "RESIDENT"))));
        Assert.Equal(5, results.Count(r => r.IsSuccess));
        Assert.Equal(5, _store.Created);
    }

    [Fact]
    public async Task A_key_made_meanwhile_by_a_concurrent_request_is_returned_without_counting()
    {
        var limiter = new KeyCreationLimiter(_store, Bindings, new KeyCreationLimits(1, 1), _time);
        Assert.True((await Run(limiter, Resident, "RESIDENT")).IsSuccess);
        var again = await limiter.RunAsync(Resident, "RESIDENT", () => Task.FromResult<Result<int>?>(42), () => Create("RESIDENT", Resident), CancellationToken.None);
        Assert.Equal(42, again.Value);
        Assert.Equal(1, _store.Created);
    }

    [Fact]
    public async Task Pruning_a_large_partition_table_never_forgets_a_bucket_that_is_not_full()
    {
        var limiter = new KeyCreationLimiter(_store, Bindings, new KeyCreationLimits(1, 1_000_000), _time);
        for (var i = 0; i <= 10_000; i++)
        {
            Assert.True((await Run(limiter, Caller.Of($"passer-by-{i}", ["RESIDENT"]), "RESIDENT")).IsSuccess);
        }

        // A minute later every passer-by's bucket is full again (prunable); the resident empties theirs.
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Run(limiter, Resident, "RESIDENT")).IsSuccess);

        // More than 10,000 partitions: this call prunes. The resident's empty bucket must survive it.
        Assert.True((await Run(limiter, Caller.Of("newcomer", ["RESIDENT"]), "RESIDENT")).IsSuccess);
        Assert.Equal(ErrorCodes.KeyCreationRateExceeded, (await Run(limiter, Resident, "RESIDENT")).Error);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Run(limiter, Resident, "RESIDENT")).IsSuccess);
    }

    [Fact]
    public async Task The_system_caller_is_not_limited()
    {
        var limiter = new KeyCreationLimiter(_store, ApplicationBindings.None, new KeyCreationLimits(0, 0), _time);
        Assert.True((await Run(limiter, Caller.System, "REGISTRATION")).IsSuccess);
    }

    private Task<Result<int>> Run(KeyCreationLimiter limiter, Caller caller, string appId) =>
        limiter.RunAsync(caller, appId, () => Create(appId, caller), CancellationToken.None);

    private async Task<Result<int>> Create(string appId, Caller caller)
    {
        await Task.Yield();
        return _store.Add(appId, caller.CreatorId);
    }

    /// <summary>Counts "created" keys by the ambient creator, as the SQL stores count key_alias.cr_by.</summary>
    private sealed class CountingStore : IKeyStore
    {
        private readonly Lock _gate = new();
        private readonly List<(string AppId, string By)> _rows = [];

        public int Created
        {
            get
            {
                lock (_gate)
                {
                    return _rows.Count;
                }
            }
        }

        public int Add(string appId, string creator)
        {
            lock (_gate)
            {
                _rows.Add((appId, creator));
                return _rows.Count;
            }
        }

        public int CountFor(string appId, string by)
        {
            lock (_gate)
            {
                return _rows.Count(r => r.AppId == appId && r.By == by);
            }
        }

        public Task<long> CountBaseKeysCreatedByAsync(string appId, string createdBy, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                return Task.FromResult((long)_rows.Count(r => r.AppId == appId && r.By == createdBy));
            }
        }

        public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<IReadOnlyList<KeyPolicy>> GetPoliciesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task UpsertPolicyAsync(KeyPolicy policy, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<KeyAlias>> GetAliasesAsync(string appId, string refId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<KeyAlias>> GetMasterAliasesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<KeyAlias>> GetAllAliasesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<KeyAlias?> GetAliasAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<KeyAlias>> FindAliasesByThumbprintAsync(string thumbprintHex, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StoredKey?> GetStoredKeyAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IKeyStoreWriteScope> BeginWriteAsync(string appId, string refId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
