using System.Security.Cryptography;
using Kavach.Devices.Commands;
using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Policy;

/// <summary>A daily policy job on a real store (registry, certificates, commands, run table) with fakes for the CA.</summary>
internal sealed class PolicyHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    private PolicyHarness(StoreOptions options, FakeTimeProvider time, string node, IEnumerable<IDailyPolicyStep>? steps)
    {
        Time = time;
        Store = KeyStores.Create(options, time);
        var commands = new DeviceCommandService(Store, Store, Audit, new DeviceCommandSignals(), [], time, new DeviceCommandOptions(), NullLogger<DeviceCommandService>.Instance);
        Authority = FakeAuthorityCertificates.LongLived(Start);
        Job = new DailyPolicyJob(Store, Store, Store, commands, Ca, Authority, Authority, Store, Audit, time, new DevicePolicyOptions { NodeName = node }, NullLogger<DailyPolicyJob>.Instance, steps);
    }

    public FakeTimeProvider Time { get; }

    public IKavachStore Store { get; }

    public RecordingAudit Audit { get; } = new();

    public FakeCaMaintenance Ca { get; } = new();

    public FakeAuthorityCertificates Authority { get; set; }

    public DailyPolicyJob Job { get; private set; }

    public static PolicyHarness Create(StoreOptions options, FakeTimeProvider? time = null, string node = "node-a", IEnumerable<IDailyPolicyStep>? steps = null) =>
        new(options, time ?? new FakeTimeProvider(Start), node, steps);

    public void ReplaceAuthority(FakeAuthorityCertificates authority)
    {
        Authority = authority;
        var commands = new DeviceCommandService(Store, Store, Audit, new DeviceCommandSignals(), [], Time, new DeviceCommandOptions(), NullLogger<DeviceCommandService>.Instance);
        Job = new DailyPolicyJob(Store, Store, Store, commands, Ca, authority, authority, Store, Audit, Time, Job.Options, NullLogger<DailyPolicyJob>.Instance);
    }

    /// <summary>An active device with an active certificate valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>.</summary>
    public async Task<DeviceRecord> AddActiveDeviceAsync(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset? lastCheckin = null)
    {
        var device = SampleDevices.Device(SampleDevices.NewSerial(), DeviceState.Active, Time.GetUtcNow()) with { LastCheckin = lastCheckin ?? Time.GetUtcNow(), Version = 0 };
        Assert.True(await Store.TryInsertDevicesAsync([device], CancellationToken.None));
        var certificate = new DeviceCertificateRecord(
            RandomNumberGenerator.GetHexString(32), device.SerialNo, RandomNumberGenerator.GetHexString(64, lowercase: true),
            notBefore, notAfter, DeviceCertificateStatus.Active, null, null, null, null, RandomNumberGenerator.GetBytes(64));
        Assert.True(await Store.TryInsertCertificateAsync(certificate, CancellationToken.None));
        return (await Store.GetDeviceAsync(device.SerialNo, CancellationToken.None))!;
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
