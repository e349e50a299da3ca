using System.Security.Cryptography;
using Kavach.Devices.Messaging;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Devices.Tests.Protocol.Support;
using Kavach.Devices.Tests.Repository;
using Kavach.Storage;
using Kavach.Testing;
using Microsoft.Data.Sqlite;

namespace Kavach.Devices.Tests.Messaging;

/// <summary>
/// A gate over a real SQLite store of the test's own (registry, certificates, replay ledger), the protocol harness's
/// server keys and device, and a recording audit; more gates on the same file act as other replicas.
/// </summary>
internal sealed class GateFixture : IAsyncDisposable
{
    public const string Base = ProtocolHarness.Base;

    private readonly TempDirectory _folder = new("kavach-devices-gate");
    private readonly List<IKavachStore> _stores = [];

    public GateFixture()
    {
        Harness = new ProtocolHarness();
        Store = OpenStore();
        Gate = NewGate(Store);
    }

    public ProtocolHarness Harness { get; }

    public IKavachStore Store { get; }

    public RecordingDeviceAudit Audit { get; } = new();

    public DeviceMessageGate Gate { get; }

    public static GateRoute Checkin => GateRoutes.Checkin($"{Base}/v1/{MessageKinds.Checkin}");

    public IKavachStore OpenStore()
    {
        var options = new StoreOptions(StoreProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _folder.File("keymgr.db") }.ToString());
        IKavachStore store = KeyStores.Create(options, Harness.Clock);
        _stores.Add(store);
        return store;
    }

    public DeviceMessageGate NewGate(IKavachStore store) =>
        new(Harness.Keys, new TestDeviceCa(Harness.Pki), store, store, store, Audit, Harness.Clock);

    /// <summary>Registers the harness device (L1 with its FTM chip, or L0) in <paramref name="state"/> with its certificate in <paramref name="status"/>.</summary>
    public async Task<DeviceRecord> EnrolAsync(DeviceState state = DeviceState.Active, DeviceCertificateStatus status = DeviceCertificateStatus.Active, string certification = "L1", TestIdentity? certificate = null)
    {
        TestIdentity device = certificate ?? Harness.Device;
        var record = new DeviceRecord(
            ProtocolHarness.SerialNo, Harness.MgmtId, "MOSIP.PROXY.SBI", "MOSIP", "SLAP01", "Finger", "Slap", certification, "Auth", "Production",
            certification == "L1" ? Convert.ToHexStringLower(SHA256.HashData(Harness.Ftm.Certificate.RawData)) : null, null,
            state, 0, null, null, 0, false, "BATCH-1", Harness.Clock.GetUtcNow(), 0);
        Assert.True(await Store.TryInsertDevicesAsync([record], default));
        await AddCertificateAsync(device, status);
        return (await Store.GetDeviceAsync(ProtocolHarness.SerialNo, default))!;
    }

    public async Task AddCertificateAsync(TestIdentity device, DeviceCertificateStatus status)
    {
        var row = new DeviceCertificateRecord(
            device.Certificate.SerialNumber.ToUpperInvariant(), ProtocolHarness.SerialNo,
            Convert.ToHexStringLower(SHA256.HashData(device.Certificate.PublicKey.ExportSubjectPublicKeyInfo())),
            device.Certificate.NotBefore.ToUniversalTime(), device.Certificate.NotAfter.ToUniversalTime(), status, null, null, null, null, device.Certificate.RawData);
        Assert.True(await Store.TryInsertCertificateAsync(row, default));
    }

    public async Task<DeviceRecord> DeviceAsync() => (await Store.GetDeviceAsync(ProtocolHarness.SerialNo, default))!;

    public async Task SetStateAsync(DeviceState state)
    {
        DeviceRecord device = await DeviceAsync();
        Assert.True(await Store.TryUpdateDeviceAsync(device with { State = state }, device.Version, default));
    }

    public ValueTask<MessageCheck<AdmittedMessage>> CheckAsync(string compact, GateRoute? route = null, TestIdentity? tls = null, DeviceMessageGate? gate = null) =>
        (gate ?? Gate).CheckAsync(System.Text.Encoding.ASCII.GetBytes(compact), route ?? Checkin, (tls ?? Harness.Device).Certificate, default);

    public async ValueTask DisposeAsync()
    {
        foreach (IKavachStore store in _stores)
        {
            await store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
