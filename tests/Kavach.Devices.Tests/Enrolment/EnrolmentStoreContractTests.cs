using Kavach.Devices.Enrolment;
using Kavach.Devices.Registry;
using Kavach.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Enrolment;

/// <summary>What every <see cref="IEnrolmentStore"/> must do, on SQLite and PostgreSQL: nonces used once even by racing replicas, L0 requests kept once.</summary>
public abstract class EnrolmentStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 7, 30, 0, TimeSpan.Zero);
    private readonly List<IKavachStore> _stores = [];
    private StoreOptions? _options;

    private static CancellationToken Ct => CancellationToken.None;

    private IKavachStore Store => _stores[0];

    public async Task InitializeAsync()
    {
        _options = await CreateOptionsAsync();
        _ = OpenReplica();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_nonce_is_consumed_once_even_by_two_replicas_at_once()
    {
        var nonce = NewHash();
        Assert.True(await Store.TryInsertNonceAsync(nonce, Now.AddMinutes(5), Ct));
        Assert.False(await Store.TryInsertNonceAsync(nonce, Now.AddMinutes(5), Ct));
        var other = OpenReplica();

        var consumed = await Task.WhenAll(Store.TryConsumeNonceAsync(nonce, Now, Ct), other.TryConsumeNonceAsync(nonce, Now, Ct));

        Assert.Single(consumed, c => c);
        Assert.False(await Store.TryConsumeNonceAsync(nonce, Now, Ct));
    }

    [Fact]
    public async Task An_expired_or_unknown_nonce_is_not_consumed_and_expired_ones_are_purged()
    {
        var expired = NewHash();
        var live = NewHash();
        Assert.True(await Store.TryInsertNonceAsync(expired, Now.AddMinutes(5), Ct));
        Assert.True(await Store.TryInsertNonceAsync(live, Now.AddMinutes(10), Ct));

        Assert.False(await Store.TryConsumeNonceAsync(expired, Now.AddMinutes(5), Ct));
        Assert.False(await Store.TryConsumeNonceAsync(NewHash(), Now, Ct));
        Assert.Equal(1, await Store.PurgeExpiredNoncesAsync(Now.AddMinutes(6), Ct));
        Assert.True(await Store.TryConsumeNonceAsync(live, Now.AddMinutes(6), Ct));
    }

    [Fact]
    public async Task An_L0_request_is_kept_once_per_serial_and_deleted()
    {
        Assert.True(await Store.TryInsertDevicesAsync([Device("L0SERIAL0001")], Ct));
        var request = new L0EnrolmentRequest("L0SERIAL0001", new string('b', 64), [0x30, 0x01, 0x02], Now);

        Assert.True(await Store.TryInsertL0RequestAsync(request, Ct));
        Assert.False(await Store.TryInsertL0RequestAsync(request with { SpkiSha256 = new string('c', 64) }, Ct));
        var read = await Store.GetL0RequestAsync("L0SERIAL0001", Ct);
        Assert.NotNull(read);
        Assert.Equal(request.SpkiSha256, read.SpkiSha256);
        Assert.Equal(request.Csr, read.Csr);
        Assert.Equal(request.RequestedAt, read.RequestedAt);
        Assert.True(await Store.DeleteL0RequestAsync("L0SERIAL0001", Ct));
        Assert.False(await Store.DeleteL0RequestAsync("L0SERIAL0001", Ct));
        Assert.Null(await Store.GetL0RequestAsync("L0SERIAL0001", Ct));
    }

    protected abstract Task<StoreOptions> CreateOptionsAsync();

    private IKavachStore OpenReplica()
    {
        var store = KeyStores.Create(_options!, new FakeTimeProvider(Now));
        _stores.Add(store);
        return store;
    }

    private static string NewHash() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static DeviceRecord Device(string serialNo) =>
        new(serialNo, null, "MOSIP.PROXY.SBI", "MOSIP", "SLAP01", "Finger", "Slap", "L0", "Registration", "Staging", null, new string('b', 64), DeviceState.Whitelisted, 0, null, null, 0, false, null, Now, 0);
}
