using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Commands;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Registry;
using Kavach.Devices.Rotation;
using Kavach.Devices.Tests.Policy;
using Kavach.Testing;

namespace Kavach.Devices.Tests.Rotation;

/// <summary>Server-triggered rotation (spec §4.8, §5.1 item 7) and its bad inputs (§5.2), on SQLite with a fake clock.</summary>
public sealed class KeyRotationServiceTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new("kavach-ops");
    private RotationHarness _h = null!;

    private static CancellationToken Ct => CancellationToken.None;

    public Task InitializeAsync()
    {
        _h = new RotationHarness(OperationsDatabase.NewSqlite(_folder));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_due_device_rotates_in_two_phases_and_the_CTK_rules_hold()
    {
        var (device, old, _) = await _h.AddDeviceAsync();
        using var newKey = RSA.Create(2048);

        var offer = await _h.Rotation.OfferAsync(device, Ct);
        Assert.NotNull(offer);
        Assert.Equal(DeviceCommandState.Delivered, offer.State);
        Assert.True(DeviceCommandKinds.TryParse(offer.Kind, out var kind) && kind == DeviceCommandKind.RotateKey);
        Assert.Contains(offer.CmdId, offer.Args, StringComparison.Ordinal);

        var issued = await _h.Rotation.RequestAsync(device.SerialNo, old.CertSerial, offer.CmdId, RotationHarness.Csr(newKey), Ct);
        Assert.True(issued.IsSuccess, issued.Error?.Code);
        Assert.Equal(DeviceCertificateStatus.Pending, issued.Value.Certificate.Status);
        Assert.Equal(DeviceCertificateStatus.Active, (await _h.Store.GetCertificateAsync(old.CertSerial, Ct))!.Status);

        _h.Time.Advance(TimeSpan.FromMinutes(5));
        var confirmed = await _h.Rotation.ConfirmAsync(device.SerialNo, issued.Value.Certificate.CertSerial, offer.CmdId, Ct);

        Assert.True(confirmed.IsSuccess, confirmed.Error?.Code);
        Assert.Equal(DeviceCertificateStatus.Active, confirmed.Value.Status);
        var revoked = await _h.Store.GetCertificateAsync(old.CertSerial, Ct);
        Assert.Equal((DeviceCertificateStatus.Revoked, "superseded"), (revoked!.Status, revoked.Reason));
        Assert.Equal(DeviceCommandState.Succeeded, (await _h.Store.GetCommandAsync(offer.CmdId, Ct))!.State);
        Assert.False((await _h.Store.GetDeviceAsync(device.SerialNo, Ct))!.RotationDue);
        Assert.Null(await _h.Rotation.OfferAsync((await _h.Store.GetDeviceAsync(device.SerialNo, Ct))!, Ct));

        // CTK SBI1022–1025: a different certificate and key, notBefore not earlier, same serial and organisation.
        using var before = X509CertificateLoader.LoadCertificate(old.Der);
        using var after = X509CertificateLoader.LoadCertificate(confirmed.Value.Der);
        Assert.NotEqual(before.SerialNumber, after.SerialNumber);
        Assert.NotEqual(old.SpkiSha256, confirmed.Value.SpkiSha256);
        Assert.True(after.NotBefore >= before.NotBefore);
        Assert.Equal(before.Subject, after.Subject);
        Assert.Contains("O=" + RotationHarness.Organization, after.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_with_the_same_rotation_id_and_CSR_gets_the_same_certificate()
    {
        var (device, old, _) = await _h.AddDeviceAsync();
        using var newKey = RSA.Create(2048);
        var offer = await _h.Rotation.OfferAsync(device, Ct);
        var csr = RotationHarness.Csr(newKey);

        var first = await _h.Rotation.RequestAsync(device.SerialNo, old.CertSerial, offer!.CmdId, csr, Ct);
        var retry = await _h.Rotation.RequestAsync(device.SerialNo, old.CertSerial, offer.CmdId, csr, Ct);

        Assert.Equal(first.Value.Certificate.CertSerial, retry.Value.Certificate.CertSerial);
        Assert.Equal(1, _h.Issuer.Issued);
        Assert.Equal(2, (await _h.Store.ListForDeviceAsync(device.SerialNo, Ct)).Count);
    }

    [Fact]
    public async Task Bad_input_a_different_CSR_under_the_same_rotation_id_is_refused()
    {
        var (device, old, _) = await _h.AddDeviceAsync();
        using var key1 = RSA.Create(2048);
        using var key2 = RSA.Create(2048);
        var offer = await _h.Rotation.OfferAsync(device, Ct);
        await _h.Rotation.RequestAsync(device.SerialNo, old.CertSerial, offer!.CmdId, RotationHarness.Csr(key1), Ct);

        var other = await _h.Rotation.RequestAsync(device.SerialNo, old.CertSerial, offer.CmdId, RotationHarness.Csr(key2), Ct);

        Assert.Equal(DeviceOperationErrors.RotationCsrMismatch, other.Error);
        Assert.Equal(1, _h.Issuer.Issued);
        Assert.Equal(2, (await _h.Store.ListForDeviceAsync(device.SerialNo, Ct)).Count);
        Assert.Contains(_h.Audit.Of("device.rotation.request"), e => e.Outcome == "KER-DEV-069");
    }

    [Fact]
    public async Task Bad_input_a_rotation_request_signed_only_with_the_new_key_is_refused()
    {
        var (device, old, _) = await _h.AddDeviceAsync();
        using var key1 = RSA.Create(2048);
        using var key2 = RSA.Create(2048);
        var offer = await _h.Rotation.OfferAsync(device, Ct);
        var pending = await _h.Rotation.RequestAsync(device.SerialNo, old.CertSerial, offer!.CmdId, RotationHarness.Csr(key1), Ct);

        var byNewKey = await _h.Rotation.RequestAsync(device.SerialNo, pending.Value.Certificate.CertSerial, offer.CmdId, RotationHarness.Csr(key2), Ct);
        var byStranger = await _h.Rotation.RequestAsync(device.SerialNo, "00112233445566778899AABBCCDDEEFF", offer.CmdId, RotationHarness.Csr(key2), Ct);

        Assert.Equal(DeviceOperationErrors.RotationWrongKey, byNewKey.Error);
        Assert.Equal(DeviceOperationErrors.RotationWrongKey, byStranger.Error);
        Assert.Equal(1, _h.Issuer.Issued);
    }

    [Fact]
    public async Task Bad_input_a_confirm_signed_with_the_old_key_is_refused_and_changes_nothing()
    {
        var (device, old, _) = await _h.AddDeviceAsync();
        using var newKey = RSA.Create(2048);
        var offer = await _h.Rotation.OfferAsync(device, Ct);
        var pending = await _h.Rotation.RequestAsync(device.SerialNo, old.CertSerial, offer!.CmdId, RotationHarness.Csr(newKey), Ct);

        var confirm = await _h.Rotation.ConfirmAsync(device.SerialNo, old.CertSerial, offer.CmdId, Ct);

        Assert.Equal(DeviceOperationErrors.RotationWrongKey, confirm.Error);
        Assert.Equal(DeviceCertificateStatus.Active, (await _h.Store.GetCertificateAsync(old.CertSerial, Ct))!.Status);
        Assert.Equal(DeviceCertificateStatus.Pending, (await _h.Store.GetCertificateAsync(pending.Value.Certificate.CertSerial, Ct))!.Status);
        Assert.Equal(DeviceCommandState.Delivered, (await _h.Store.GetCommandAsync(offer.CmdId, Ct))!.State);
    }

    [Fact]
    public async Task Bad_input_a_rotation_with_no_pending_rotateKey_command_is_refused()
    {
        var (device, old, _) = await _h.AddDeviceAsync(ageDays: 5, rotationDue: false);
        using var newKey = RSA.Create(2048);

        Assert.Null(await _h.Rotation.OfferAsync(device, Ct));
        var unsolicited = await _h.Rotation.RequestAsync(device.SerialNo, old.CertSerial, Guid.NewGuid().ToString("D"), RotationHarness.Csr(newKey), Ct);

        Assert.Equal(DeviceOperationErrors.NoPendingRotation, unsolicited.Error);
        Assert.Equal(0, _h.Issuer.Issued);
        Assert.Single(await _h.Store.ListForDeviceAsync(device.SerialNo, Ct));
    }

    [Fact]
    public async Task Bad_input_another_devices_rotation_id_is_refused()
    {
        var (victim, _, _) = await _h.AddDeviceAsync();
        var (attacker, attackerCert, _) = await _h.AddDeviceAsync();
        using var newKey = RSA.Create(2048);
        var offer = await _h.Rotation.OfferAsync(victim, Ct);

        var stolen = await _h.Rotation.RequestAsync(attacker.SerialNo, attackerCert.CertSerial, offer!.CmdId, RotationHarness.Csr(newKey), Ct);

        Assert.Equal(DeviceOperationErrors.NoPendingRotation, stolen.Error);
        Assert.Equal(0, _h.Issuer.Issued);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("rsa1024")]
    [InlineData("ec")]
    [InlineData("reused")]
    [InlineData("garbage")]
    public async Task Bad_input_an_invalid_CSR_is_refused(string flaw)
    {
        var (device, old, oldKey) = await _h.AddDeviceAsync();
        var offer = await _h.Rotation.OfferAsync(device, Ct);
        byte[] csr;
        switch (flaw)
        {
            case "tampered":
                using (var key = RSA.Create(2048))
                {
                    csr = RotationHarness.Csr(key);
                    csr[^5] ^= 0x01;
                }

                break;
            case "rsa1024":
                using (var key = RSA.Create(1024))
                {
                    csr = RotationHarness.Csr(key);
                }

                break;
            case "ec":
                using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    csr = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).CreateSigningRequest();
                }

                break;
            case "reused":
                csr = RotationHarness.Csr(oldKey);
                break;
            default:
                csr = [0x30, 0x03, 0x02, 0x01, 0x00];
                break;
        }

        var result = await _h.Rotation.RequestAsync(device.SerialNo, old.CertSerial, offer!.CmdId, csr, Ct);

        Assert.Equal(DeviceOperationErrors.RotationCsrInvalid, result.Error);
        Assert.Equal(0, _h.Issuer.Issued);
        Assert.Single(await _h.Store.ListForDeviceAsync(device.SerialNo, Ct));
    }

    [Fact]
    public async Task No_confirm_by_the_deadline_revokes_the_pending_certificate_keeps_the_old_one_and_alerts()
    {
        var (device, old, _) = await _h.AddDeviceAsync();
        using var newKey = RSA.Create(2048);
        var offer = await _h.Rotation.OfferAsync(device, Ct);
        var pending = await _h.Rotation.RequestAsync(device.SerialNo, old.CertSerial, offer!.CmdId, RotationHarness.Csr(newKey), Ct);

        _h.Time.Advance(TimeSpan.FromDays(3));
        await _h.Commands.SweepAsync(null, Ct);

        var stale = await _h.Store.GetCertificateAsync(pending.Value.Certificate.CertSerial, Ct);
        Assert.Equal((DeviceCertificateStatus.Revoked, "cessationOfOperation"), (stale!.Status, stale.Reason));
        Assert.Equal(DeviceCertificateStatus.Active, (await _h.Store.GetCertificateAsync(old.CertSerial, Ct))!.Status);
        Assert.Equal(DeviceCommandState.TimedOut, (await _h.Store.GetCommandAsync(offer.CmdId, Ct))!.State);
        Assert.Single(_h.Audit.Of("device.rotation.expired"));

        var late = await _h.Rotation.ConfirmAsync(device.SerialNo, pending.Value.Certificate.CertSerial, offer.CmdId, Ct);
        Assert.Equal(DeviceOperationErrors.NoPendingRotation, late.Error);

        // Still due: the next check-in offers a new rotation with a new id.
        var again = await _h.Rotation.OfferAsync((await _h.Store.GetDeviceAsync(device.SerialNo, Ct))!, Ct);
        Assert.NotNull(again);
        Assert.NotEqual(offer.CmdId, again.CmdId);
    }

    [Fact]
    public async Task Replicas_offering_at_once_open_one_rotation()
    {
        var (device, _, _) = await _h.AddDeviceAsync();

        var offers = await Task.WhenAll(_h.Rotation.OfferAsync(device, Ct), _h.Rotation.OfferAsync(device, Ct));

        Assert.Equal(offers[0]!.CmdId, offers[1]!.CmdId);
        Assert.Single(await _h.Store.ListCommandsAsync(device.SerialNo, null, 10, Ct));
    }
}
