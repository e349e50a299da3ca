using System.Security.Cryptography;
using Kavach.Devices.Commands;
using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Devices.Rotation;
using Kavach.Devices.Tests.Enrolment.Support;
using Kavach.Devices.Tests.Policy;
using Kavach.Devices.Transparency;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Tests.Rotation;

/// <summary>Spec §4.13.6 for rotations: the new certificate is logged, with the one it replaces, before the device gets it.</summary>
public sealed class RotationTransparencyTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_rotation_certificate_is_logged_with_the_one_it_replaces_or_not_handed_out(bool logDown)
    {
        // Enrolled and confirmed through the real device CA (logged as certificate-issued), then due for rotation.
        await using var harness = await EnrolmentHarness.CreateAsync();
        using var device = await harness.L1DeviceAsync("SN0000000201");
        await harness.EnrolAsync(device);
        Assert.True((await harness.ConfirmAsync(device)).IsSuccess);
        var enrolled = (await harness.Store.GetDeviceAsync("SN0000000201", Ct))!;
        Assert.True(await harness.Store.TryUpdateDeviceAsync(enrolled with { RotationDue = true }, enrolled.Version, Ct));
        var active = Assert.Single(await harness.Store.ListForDeviceAsync("SN0000000201", Ct), c => c.Status == DeviceCertificateStatus.Active);

        var logStore = logDown ? new UnwritableTransparencyStore(harness.Store) : (ITransparencyLogStore)harness.Store;
        var log = new TransparencyLog(logStore, harness.LogKey, harness.Time, NullLogger<TransparencyLog>.Instance);
        var audit = new RecordingAudit();
        var observers = new List<IDeviceCommandObserver>();
        var commands = new DeviceCommandService(harness.Store, harness.Store, audit, new DeviceCommandSignals(), observers, harness.Time, new DeviceCommandOptions(), NullLogger<DeviceCommandService>.Instance);
        var rotation = new KeyRotationService(
            commands, harness.Store, harness.Store, harness.Store, new DeviceCaRotationIssuer(harness.Authority.Authority), audit, harness.Time,
            new DevicePolicyOptions(), NullLogger<KeyRotationService>.Instance, new TransparencyRecorder(log, harness.Time));
        var offer = await rotation.OfferAsync((await harness.Store.GetDeviceAsync("SN0000000201", Ct))!, Ct);
        using var newKey = RSA.Create(2048);

        var issued = await rotation.RequestAsync("SN0000000201", active.CertSerial, offer!.CmdId, RotationHarness.Csr(newKey), Ct);

        var leaves = await harness.Store.ReadLeavesAsync(0, 10, Ct);
        if (logDown)
        {
            Assert.Equal(DeviceOperationErrors.RotationIssueFailed.Code, issued.Error?.Code);
            Assert.Single(leaves);
            Assert.All(
                (await harness.Store.ListForDeviceAsync("SN0000000201", Ct)).Where(c => c.CertSerial != active.CertSerial),
                c => Assert.Equal(DeviceCertificateStatus.Revoked, c.Status));
            Assert.Equal(DeviceCertificateStatus.Active, (await harness.Store.GetCertificateAsync(active.CertSerial, Ct))!.Status);
            return;
        }

        Assert.True(issued.IsSuccess, issued.Error?.Code);
        Assert.Equal(2, leaves.Count);
        Assert.True(TransparencyEntryCodec.TryDecode(leaves[1].Leaf, out var entry));
        Assert.Equal(TransparencyEventKind.CertificateRotated, entry.Kind);
        Assert.Equal(issued.Value.Certificate.CertSerial, entry.CertSerial);
        Assert.Equal(active.CertSerial, entry.PreviousCertSerial);
        Assert.Equal(issued.Value.Certificate.SpkiSha256, entry.SpkiSha256);
    }
}
