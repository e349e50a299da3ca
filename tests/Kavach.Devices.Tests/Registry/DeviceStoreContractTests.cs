using System.Data.Common;
using System.Security.Cryptography;
using Kavach.Devices.Registry;
using Kavach.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Registry;

/// <summary>
/// What every <see cref="IDeviceRegistryStore"/> and <see cref="IDeviceCertificateStore"/> must do, run on SQLite and
/// PostgreSQL by a subclass. A subclass's tests share one database, so every test uses serial numbers of its own.
/// </summary>
public abstract partial class DeviceStoreContractTests : IAsyncLifetime
{
    /// <summary>Whole microseconds: what the store keeps of an instant.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 12, 7, 7, 30, 0, 123, 456, TimeSpan.Zero);

    private readonly List<IKavachStore> _stores = [];
    private StoreOptions? _options;

    protected IKavachStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync()
    {
        _options = await CreateOptionsAsync();
        Store = OpenReplica();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    /// <summary>Another store on the same database (its own connection pool): a second replica.</summary>
    protected IKavachStore OpenReplica()
    {
        var store = KeyStores.Create(_options!, new FakeTimeProvider(Now));
        _stores.Add(store);
        return store;
    }

    protected abstract Task<StoreOptions> CreateOptionsAsync();

    protected abstract DbConnection CreateRawConnection();

    /// <summary>The column names of a table of ours.</summary>
    protected abstract Task<IReadOnlyList<string>> ReadColumnsAsync(string table);

    /// <summary>The schema prefix of our tables in SQL (<c>keymgr.</c> on PostgreSQL).</summary>
    protected abstract string TablePrefix { get; }

    /// <summary>The dialect's byte-order collation clause, as the store's ORDER BY uses it.</summary>
    protected abstract string Collate { get; }

    /// <summary>The database's plan of <paramref name="sql"/> (with <c>@provider</c> bound when given), one line per step.</summary>
    protected abstract Task<string> ExplainAsync(string sql, string? provider);

    /// <summary>How the plan names a scan that reads only <paramref name="index"/>.</summary>
    protected abstract string CoveringScanOf(string index);

    protected static string NewSerial() => "SN" + RandomNumberGenerator.GetHexString(14);

    protected static string NewHash() => RandomNumberGenerator.GetHexString(64, lowercase: true);

    protected static DeviceRecord Device(string? serial = null, string provider = "PROVIDER-A", DeviceState state = DeviceState.Whitelisted, string? batch = "BATCH-1") =>
        new(
            serial ?? NewSerial(),
            null,
            provider,
            "MOSIP",
            "SLAP01",
            "Finger",
            "Slap",
            "L1",
            "Auth",
            "Staging",
            NewHash(),
            null,
            state,
            0,
            null,
            null,
            0,
            false,
            batch,
            Now,
            0);

    protected static DeviceCertificateRecord Certificate(string serialNo, DeviceCertificateStatus status = DeviceCertificateStatus.Pending, DateTimeOffset? notBefore = null, int days = 30) =>
        new(
            RandomNumberGenerator.GetHexString(32),
            serialNo,
            NewHash(),
            notBefore ?? Now,
            (notBefore ?? Now).AddDays(days),
            status,
            null,
            null,
            Guid.NewGuid().ToString(),
            NewHash(),
            RandomNumberGenerator.GetBytes(600));

    protected async Task<DeviceRecord> InsertDeviceAsync(DeviceRecord? device = null)
    {
        device ??= Device();
        Assert.True(await Store.TryInsertDevicesAsync([device], Ct));
        return device;
    }

    [Fact]
    public async Task A_device_reads_back_as_written()
    {
        var device = Device() with { MgmtId = Guid.NewGuid().ToString(), L0KeySha256 = NewHash(), LastCheckin = Now.AddMinutes(-5), FirmwareVersion = "1.2.3", ReleaseCounter = 7, RotationDue = true, LastSeq = 42 };
        await InsertDeviceAsync(device);

        Assert.Equal(device, await Store.GetDeviceAsync(device.SerialNo, Ct));
        Assert.Equal(device, await Store.GetDeviceByMgmtIdAsync(device.MgmtId!, Ct));
        Assert.Null(await Store.GetDeviceAsync(NewSerial(), Ct));
        Assert.Null(await Store.GetDeviceByMgmtIdAsync(Guid.NewGuid().ToString(), Ct));
    }

    [Fact]
    public async Task A_batch_with_one_existing_serial_writes_nothing()
    {
        var existing = await InsertDeviceAsync();
        var fresh = Device();

        Assert.False(await Store.TryInsertDevicesAsync([fresh, Device(existing.SerialNo)], Ct));

        Assert.Null(await Store.GetDeviceAsync(fresh.SerialNo, Ct));
        Assert.Equal(existing, await Store.GetDeviceAsync(existing.SerialNo, Ct));
    }

    [Fact]
    public async Task A_batch_naming_one_serial_twice_writes_nothing()
    {
        var first = Device();
        var other = Device();

        Assert.False(await Store.TryInsertDevicesAsync([first, other, first with { Make = "OTHER" }], Ct));

        Assert.Null(await Store.GetDeviceAsync(first.SerialNo, Ct));
        Assert.Null(await Store.GetDeviceAsync(other.SerialNo, Ct));
    }

    [Fact]
    public async Task An_update_with_the_current_version_wins_and_a_stale_one_changes_nothing()
    {
        var device = await InsertDeviceAsync();
        var active = device with { State = DeviceState.Active, MgmtId = Guid.NewGuid().ToString(), UpdatedAt = Now.AddMinutes(1) };

        Assert.True(await Store.TryUpdateDeviceAsync(active, device.Version, Ct));
        var stored = await Store.GetDeviceAsync(device.SerialNo, Ct);
        Assert.Equal(active with { Version = device.Version + 1 }, stored);

        // A second writer that read the row before the first one wrote.
        Assert.False(await Store.TryUpdateDeviceAsync(device with { State = DeviceState.Quarantined }, device.Version, Ct));
        Assert.Equal(stored, await Store.GetDeviceAsync(device.SerialNo, Ct));
    }

    [Fact]
    public async Task An_update_never_changes_the_digital_id_fields()
    {
        var device = await InsertDeviceAsync();

        Assert.True(await Store.TryUpdateDeviceAsync(device with { Make = "EVIL", Model = "X", ProviderId = "OTHER", FtmCertSha256 = NewHash() }, device.Version, Ct));

        var stored = await Store.GetDeviceAsync(device.SerialNo, Ct);
        Assert.Equal(device with { Version = 1 }, stored);
    }

    [Fact]
    public async Task Two_replicas_moving_one_device_from_one_version_see_exactly_one_winner()
    {
        var device = await InsertDeviceAsync();
        var replicas = Enumerable.Range(0, 8).Select(_ => OpenReplica()).ToList();

        var results = await Task.WhenAll(replicas.Select((replica, i) =>
            replica.TryUpdateDeviceAsync(device with { State = DeviceState.Active, FirmwareVersion = "fw-" + i }, device.Version, Ct)));

        Assert.Single(results, won => won);
        var stored = await Store.GetDeviceAsync(device.SerialNo, Ct);
        Assert.Equal(1, stored!.Version);
        Assert.Equal("fw-" + Array.IndexOf(results, true), stored.FirmwareVersion);
    }

    [Fact]
    public async Task Replayed_or_reordered_sequence_numbers_lose()
    {
        var device = await InsertDeviceAsync();

        Assert.True(await Store.TryAdvanceSequenceAsync(device.SerialNo, 5, Now.AddSeconds(1), Ct));
        Assert.False(await Store.TryAdvanceSequenceAsync(device.SerialNo, 5, Now.AddSeconds(2), Ct));
        Assert.False(await Store.TryAdvanceSequenceAsync(device.SerialNo, 4, Now.AddSeconds(3), Ct));
        Assert.False(await Store.TryAdvanceSequenceAsync(NewSerial(), 1, Now, Ct));

        var stored = await Store.GetDeviceAsync(device.SerialNo, Ct);
        Assert.Equal(5, stored!.LastSeq);
        Assert.Equal(Now.AddSeconds(1), stored.LastCheckin);
    }

    [Fact]
    public async Task Advancing_the_sequence_bumps_the_row_version_so_an_update_from_an_older_read_cannot_write_it_back()
    {
        var device = await InsertDeviceAsync();
        Assert.True(await Store.TryAdvanceSequenceAsync(device.SerialNo, 9, Now, Ct));

        Assert.False(await Store.TryUpdateDeviceAsync(device with { State = DeviceState.Active }, device.Version, Ct));
        Assert.Equal(9, (await Store.GetDeviceAsync(device.SerialNo, Ct))!.LastSeq);
    }

    [Fact]
    public async Task Concurrent_sequence_numbers_from_two_replicas_end_at_the_highest_and_each_is_accepted_at_most_once()
    {
        var device = await InsertDeviceAsync();
        var replicas = new[] { Store, OpenReplica() };

        // Every number sent twice, once to each replica: a replay racing its original.
        var attempts = Enumerable.Range(1, 30).SelectMany(seq => replicas.Select(r => (Replica: r, Seq: (long)seq))).ToList();
        var results = await Task.WhenAll(attempts.Select(a => a.Replica.TryAdvanceSequenceAsync(device.SerialNo, a.Seq, Now, Ct)));

        var accepted = attempts.Where((_, i) => results[i]).Select(a => a.Seq).ToList();
        Assert.Equal(accepted.Distinct().Count(), accepted.Count);
        Assert.Contains(30L, accepted);
        Assert.Equal(30, (await Store.GetDeviceAsync(device.SerialNo, Ct))!.LastSeq);
    }

    [Fact]
    public async Task Listing_filters_and_pages_in_serial_order()
    {
        var provider = "P" + RandomNumberGenerator.GetHexString(10);
        var prefix = "L" + RandomNumberGenerator.GetHexString(10);
        var devices = new[]
        {
            Device(prefix + "01", provider) with { LastCheckin = Now.AddDays(-3) },
            Device(prefix + "02", provider, DeviceState.Active) with { RotationDue = true, LastCheckin = Now },
            Device(prefix + "03", provider, DeviceState.Active) with { LastCheckin = Now.AddDays(-2) },
            Device(prefix + "04", provider),
        };
        Assert.True(await Store.TryInsertDevicesAsync(devices, Ct));

        Assert.Equal(devices, await Store.ListDevicesAsync(new DeviceQuery(ProviderId: provider), Ct));
        Assert.Equal([devices[1], devices[2]], await Store.ListDevicesAsync(new DeviceQuery(ProviderId: provider, State: DeviceState.Active), Ct));
        Assert.Equal([devices[1]], await Store.ListDevicesAsync(new DeviceQuery(ProviderId: provider, RotationDue: true), Ct));
        Assert.Equal([devices[0], devices[2], devices[3]], await Store.ListDevicesAsync(new DeviceQuery(ProviderId: provider, CheckedInBefore: Now.AddDays(-1)), Ct));

        var first = await Store.ListDevicesAsync(new DeviceQuery(ProviderId: provider, Limit: 3), Ct);
        var second = await Store.ListDevicesAsync(new DeviceQuery(ProviderId: provider, AfterSerialNo: first[^1].SerialNo, Limit: 3), Ct);
        Assert.Equal(devices[..3], first);
        Assert.Equal([devices[3]], second);
    }

    [Fact]
    public async Task A_page_size_outside_1_to_1000_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListDevicesAsync(new DeviceQuery(Limit: 0), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListDevicesAsync(new DeviceQuery(Limit: 1001), Ct));
    }

    [Fact]
    public async Task No_column_of_the_device_tables_can_hold_biometric_data()
    {
        string[] forbidden = ["bio", "finger", "iris", "face", "capture", "template", "image"];
        foreach (var table in new[] { "device", "device_cert", "device_provider", "device_model", "whitelist_batch", "whitelist_entry", "device_approval" })
        {
            var columns = await ReadColumnsAsync(table);
            Assert.NotEmpty(columns);
            Assert.DoesNotContain(columns, column => forbidden.Any(word => column.Contains(word, StringComparison.OrdinalIgnoreCase)));
        }
    }
}
