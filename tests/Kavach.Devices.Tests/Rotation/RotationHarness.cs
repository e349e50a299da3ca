using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Commands;
using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Devices.Rotation;
using Kavach.Devices.Tests.Policy;
using Kavach.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Rotation;

/// <summary>Rotation on a real store (registry, certificates, commands) with a software CA and a fake clock.</summary>
internal sealed class RotationHarness : IAsyncDisposable
{
    public const string Organization = "MOSIP Test Devices Pvt Ltd";

    public static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly List<IDeviceCommandObserver> _observers = [];

    public RotationHarness(StoreOptions options, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        Store = KeyStores.Create(options, Time);
        Issuer = new TestRotationIssuer(Time);
        Commands = new DeviceCommandService(Store, Store, Audit, new DeviceCommandSignals(), _observers, Time, new DeviceCommandOptions(), NullLogger<DeviceCommandService>.Instance);
        Rotation = new KeyRotationService(Commands, Store, Store, Store, Issuer, Audit, Time, new DevicePolicyOptions(), NullLogger<KeyRotationService>.Instance);
        _observers.Add(Rotation);
    }

    public FakeTimeProvider Time { get; }

    public IKavachStore Store { get; }

    public RecordingAudit Audit { get; } = new();

    public TestRotationIssuer Issuer { get; }

    public DeviceCommandService Commands { get; }

    public KeyRotationService Rotation { get; }

    /// <summary>An active device whose certificate was issued <paramref name="ageDays"/> days ago, flagged due when asked.</summary>
    public async Task<(DeviceRecord Device, DeviceCertificateRecord Certificate, RSA Key)> AddDeviceAsync(double ageDays = 20, bool rotationDue = true)
    {
        var serial = SampleDevices.NewSerial();
        var device = SampleDevices.Device(serial, DeviceState.Active, Time.GetUtcNow()) with { RotationDue = rotationDue, LastCheckin = Time.GetUtcNow() };
        Assert.True(await Store.TryInsertDevicesAsync([device], CancellationToken.None));
        var key = RSA.Create(2048);
        using var certificate = Issuer.Issue(serial, Organization, new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).PublicKey, Time.GetUtcNow().AddDays(-ageDays));
        var record = new DeviceCertificateRecord(
            certificate.SerialNumber.ToUpperInvariant(), serial, Convert.ToHexStringLower(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo())),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero), new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            DeviceCertificateStatus.Active, null, null, null, null, certificate.RawData);
        Assert.True(await Store.TryInsertCertificateAsync(record, CancellationToken.None));
        return ((await Store.GetDeviceAsync(serial, CancellationToken.None))!, record, key);
    }

    public static byte[] Csr(RSA key, string subject = "CN=ignored") =>
        new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest();

    public async ValueTask DisposeAsync()
    {
        Issuer.Dispose();
        await Store.DisposeAsync();
    }
}
