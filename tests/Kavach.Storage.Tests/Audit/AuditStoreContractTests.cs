using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using Kavach.Keys.Audit;
using Kavach.Keys.Storage;
using Kavach.Testing;
using Xunit.Abstractions;

namespace Kavach.Storage.Tests.Audit;

/// <summary>
/// The audit tables' behaviour on every store: appends under the audit lock from several store instances (replicas)
/// make one gap-free chain, rows and checkpoints read back exactly as hashed, and the tables refuse UPDATE and DELETE.
/// </summary>
public abstract partial class AuditStoreContractTests(ITestOutputHelper output) : IAsyncLifetime
{
    protected static readonly byte[] MacKey = RandomNumberGenerator.GetBytes(32);

    private readonly List<IKeyStore> _opened = [];

    protected static CancellationToken Ct => CancellationToken.None;

    protected RunningClock Time { get; } = new();

    public async Task InitializeAsync() => await OpenAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await ((IAsyncDisposable)store).DisposeAsync();
        }
    }

    /// <summary>The options of this class's own (empty) database.</summary>
    protected abstract Task<StoreOptions> CreateOptionsAsync();

    /// <summary>A plain provider connection to the same database.</summary>
    protected abstract DbConnection CreateRawConnection();

    /// <summary>The qualified name of a table.</summary>
    protected abstract string Table(string name);

    [Fact]
    public async Task Concurrent_appends_from_two_store_instances_make_one_gap_free_chain()
    {
        var first = (IAuditStore)await OpenAsync();
        var second = (IAuditStore)await OpenAsync();
        var before = await first.GetAuditHeadAsync(Ct);
        var writers = new[] { Writer(first), Writer(second) };
        const int count = 4000;
        var watch = Stopwatch.StartNew();
        var records = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            writers[i % 2].AppendAsync(Entry($"burst={i}"))));
        output.WriteLine($"{count} appends from 2 store instances in {watch.ElapsedMilliseconds} ms ({count / watch.Elapsed.TotalSeconds:F0}/s)");

        Assert.Equal(count, records.Select(r => r.Seq).Distinct().Count());
        var chain = await first.ReadAuditRecordsAsync(before.Seq + 1, long.MaxValue, int.MaxValue, Ct);
        Assert.Equal(count, chain.Count);
        var previous = before.Hash;
        var expected = before.Seq + 1;
        foreach (var record in chain)
        {
            Assert.Equal(expected++, record.Seq);
            Assert.Equal(previous, record.PrevHash);
            Assert.Equal(AuditChain.Hash(record.Seq, record.Entry, record.PrevHash), record.Hash);
            Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(MacKey, AuditChain.CanonicalBytes(record.Seq, record.Entry, record.PrevHash))), record.Mac);
            previous = record.Hash;
        }

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"burst={i}").Order(), chain.Select(r => r.Entry.Detail!).Order());
    }

    [Fact]
    public async Task Batching_is_measured_against_one_transaction_per_record()
    {
        var store = (IAuditStore)Stores[0];
        const int count = 1000;
        foreach (var maxBatch in new[] { 1, 500 })
        {
            var writer = new AuditWriter(store, _ => Task.FromResult(("mac-alias", MacKey)), Time, TimeSpan.FromSeconds(60), maxBatch);
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, count).Select(i => writer.AppendAsync(Entry($"batch{maxBatch}={i}"))));
            output.WriteLine($"{count} concurrent appends, at most {maxBatch} per transaction: {watch.ElapsedMilliseconds} ms ({count / watch.Elapsed.TotalSeconds:F0}/s)");
        }

        var head = await store.GetAuditHeadAsync(Ct);
        Assert.Equal(head.Seq, (await store.ReadAuditRecordsAsync(1, head.Seq, int.MaxValue, Ct)).Count);
    }

    [Fact]
    public async Task Records_read_back_exactly_as_sealed()
    {
        var store = (IAuditStore)Stores[0];
        var entry = new AuditEntry
        {
            Time = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1_234_567),
            RequestId = "0HN:00000001",
            Actor = "operator ☃ \U0001F511",
            AuthMethod = "Bearer",
            Client = "::1",
            Operation = "key.revoke",
            AppId = "REGISTRATION",
            RefId = "ref\u0001with-control",
            KeyRef = "alias:" + Guid.NewGuid(),
            Subject = "abcd1234:" + new string('x', 43),
            Outcome = "KER-KMS-003",
            HttpStatus = 200,
            Detail = new string('d', 2000),
        };
        var sealedRecord = await Writer(store).AppendAsync(entry);
        Assert.Equal(AuditFields.TruncateToMicroseconds(entry.Time), sealedRecord.Entry.Time);
        Assert.Equal("ref?with-control", sealedRecord.Entry.RefId);
        Assert.Equal(AuditFields.Detail, sealedRecord.Entry.Detail!.Length);

        var read = Assert.Single(await store.ReadAuditRecordsAsync(sealedRecord.Seq, sealedRecord.Seq, 10, Ct));
        Assert.Equal(sealedRecord, read);
        Assert.Equal(sealedRecord.Hash, AuditChain.Hash(read.Seq, read.Entry, read.PrevHash));
        Assert.Equal(new AuditHead(read.Seq, read.Hash), await store.GetAuditHeadAsync(Ct));
    }

    [Fact]
    public async Task Checkpoints_round_trip_and_the_last_one_is_found_under_the_lock()
    {
        var store = (IAuditStore)Stores[0];
        var record = await Writer(store).AppendAsync(Entry("checkpoint"));
        var checkpoint = new AuditCheckpoint(record.Seq, record.Hash, AuditFields.TruncateToMicroseconds(Time.GetUtcNow().UtcDateTime),
            "alias", new string('A', 64), "-----BEGIN CERTIFICATE-----\nMII=\n-----END CERTIFICATE-----\n", "PS256", "c2ln", "APP=01234567", "mac-alias", new string('b', 64));
        await using (var scope = await store.BeginAuditWriteAsync(Ct))
        {
            await scope.InsertCheckpointAsync(checkpoint, Ct);
            await scope.CommitAsync(Ct);
        }

        await using (var scope = await store.BeginAuditWriteAsync(Ct))
        {
            Assert.Equal(checkpoint, await scope.GetLastCheckpointAsync(Ct));
            Assert.Equal(new AuditHead(record.Seq, record.Hash), await scope.GetHeadAsync(Ct));
        }

        Assert.Equal(record.Seq, await store.GetLastAuditCheckpointSeqAsync(Ct));
        Assert.Contains(checkpoint, await store.ReadAuditCheckpointsAsync(record.Seq, record.Seq, Ct));
    }

    [Fact]
    public async Task A_second_record_with_a_taken_sequence_number_is_refused()
    {
        var store = (IAuditStore)Stores[0];
        var record = await Writer(store).AppendAsync(Entry("first"));
        await using var scope = await store.BeginAuditWriteAsync(Ct);
        var duplicate = AuditChain.Seal(record.Seq, Entry("again"), record.PrevHash);
        await Assert.ThrowsAsync<KeyStoreConflictException>(() => scope.InsertRecordsAsync([duplicate], Ct));
    }

    [Theory]
    [InlineData("UPDATE {0} SET actor = 'mallory'")]
    [InlineData("DELETE FROM {0}")]
    public async Task The_tables_refuse_updates_and_deletes(string statement)
    {
        await Writer((IAuditStore)Stores[0]).AppendAsync(Entry("protected"));
        await using var connection = CreateRawConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, statement, Table("audit_log"));
        var error = await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    protected IReadOnlyList<IKeyStore> Stores => _opened;

    protected AuditWriter Writer(IAuditStore store) =>
        new(store, _ => Task.FromResult(("mac-alias", MacKey)), Time, TimeSpan.FromSeconds(60));

    protected AuditEntry Entry(string detail) =>
        new() { Time = Time.GetUtcNow().UtcDateTime, Actor = "tester", Operation = "test.event", Outcome = AuditOutcomes.Success, Detail = detail };

    private async Task<IKeyStore> OpenAsync()
    {
        var store = await KeyStores.OpenAsync(await CreateOptionsAsync(), Time, Ct);
        _opened.Add(store);
        return store;
    }
}
