using Kavach.Devices.Registry;

namespace Kavach.Devices.Tests.Registry;

/// <content>The device certificates.</content>
public abstract partial class DeviceStoreContractTests
{
    [Fact]
    public async Task A_certificate_reads_back_as_written_by_serial_and_by_public_key()
    {
        var device = await InsertDeviceAsync();
        var certificate = Certificate(device.SerialNo);

        Assert.True(await Store.TryInsertCertificateAsync(certificate, Ct));

        AssertSame(certificate, await Store.GetCertificateAsync(certificate.CertSerial, Ct));
        AssertSame(certificate, await Store.FindBySpkiAsync(certificate.SpkiSha256, Ct));
        Assert.Null(await Store.GetCertificateAsync("00", Ct));
        Assert.Null(await Store.FindBySpkiAsync(NewHash(), Ct));
    }

    [Fact]
    public async Task A_public_key_already_certified_for_another_device_is_refused()
    {
        var first = await InsertDeviceAsync();
        var second = await InsertDeviceAsync();
        var original = Certificate(first.SerialNo);
        Assert.True(await Store.TryInsertCertificateAsync(original, Ct));

        var reused = Certificate(second.SerialNo) with { SpkiSha256 = original.SpkiSha256 };

        Assert.False(await Store.TryInsertCertificateAsync(reused, Ct));
        Assert.Null(await Store.GetCertificateAsync(reused.CertSerial, Ct));
        Assert.Empty(await Store.ListForDeviceAsync(second.SerialNo, Ct));
    }

    [Fact]
    public async Task A_certificate_serial_already_recorded_is_refused()
    {
        var device = await InsertDeviceAsync();
        var certificate = Certificate(device.SerialNo);
        Assert.True(await Store.TryInsertCertificateAsync(certificate, Ct));

        Assert.False(await Store.TryInsertCertificateAsync(Certificate(device.SerialNo) with { CertSerial = certificate.CertSerial }, Ct));
        AssertSame(certificate, await Store.GetCertificateAsync(certificate.CertSerial, Ct));
    }

    [Fact]
    public async Task A_device_never_has_two_active_certificates()
    {
        var device = await InsertDeviceAsync();
        var active = Certificate(device.SerialNo, DeviceCertificateStatus.Active);
        var pending = Certificate(device.SerialNo);
        Assert.True(await Store.TryInsertCertificateAsync(active, Ct));
        Assert.True(await Store.TryInsertCertificateAsync(pending, Ct));

        Assert.False(await Store.TryInsertCertificateAsync(Certificate(device.SerialNo, DeviceCertificateStatus.Active), Ct));
        Assert.False(await Store.TryChangeStatusAsync(pending.CertSerial, DeviceCertificateStatus.Pending, DeviceCertificateStatus.Active, null, Now, Ct));
        Assert.False(await Store.TryActivateAsync(pending.CertSerial, null, null, Now, Ct));

        Assert.Equal(DeviceCertificateStatus.Pending, (await Store.GetCertificateAsync(pending.CertSerial, Ct))!.Status);
        Assert.Single(await Store.ListForDeviceAsync(device.SerialNo, Ct), c => c.Status == DeviceCertificateStatus.Active);
    }

    [Fact]
    public async Task Two_replicas_confirming_two_certificates_of_one_device_see_one_winner()
    {
        var device = await InsertDeviceAsync();
        var pending = Enumerable.Range(0, 6).Select(_ => Certificate(device.SerialNo)).ToList();
        foreach (var certificate in pending)
        {
            Assert.True(await Store.TryInsertCertificateAsync(certificate, Ct));
        }

        var replicas = new[] { Store, OpenReplica() };
        var results = await Task.WhenAll(pending.Select((c, i) => replicas[i % 2].TryActivateAsync(c.CertSerial, null, null, Now, Ct)));

        Assert.Single(results, won => won);
        Assert.Single(await Store.ListForDeviceAsync(device.SerialNo, Ct), c => c.Status == DeviceCertificateStatus.Active);
    }

    [Fact]
    public async Task Confirming_a_rotation_activates_the_new_certificate_and_revokes_the_old_one_together()
    {
        var device = await InsertDeviceAsync();
        var old = Certificate(device.SerialNo, DeviceCertificateStatus.Active, Now.AddDays(-20));
        var fresh = Certificate(device.SerialNo);
        Assert.True(await Store.TryInsertCertificateAsync(old, Ct));
        Assert.True(await Store.TryInsertCertificateAsync(fresh, Ct));

        Assert.True(await Store.TryActivateAsync(fresh.CertSerial, old.CertSerial, "superseded", Now.AddMinutes(1), Ct));

        var revoked = await Store.GetCertificateAsync(old.CertSerial, Ct);
        Assert.Equal(DeviceCertificateStatus.Revoked, revoked!.Status);
        Assert.Equal("superseded", revoked.Reason);
        Assert.Equal(Now.AddMinutes(1), revoked.RevokedAt);
        Assert.Equal(DeviceCertificateStatus.Active, (await Store.GetCertificateAsync(fresh.CertSerial, Ct))!.Status);

        // Replayed confirm: nothing left to do, nothing changes.
        Assert.False(await Store.TryActivateAsync(fresh.CertSerial, old.CertSerial, "superseded", Now.AddMinutes(2), Ct));
        Assert.Equal(Now.AddMinutes(1), (await Store.GetCertificateAsync(old.CertSerial, Ct))!.RevokedAt);
    }

    [Fact]
    public async Task A_confirm_naming_a_superseded_certificate_that_is_not_active_changes_nothing()
    {
        var device = await InsertDeviceAsync();
        var notActive = Certificate(device.SerialNo);
        var fresh = Certificate(device.SerialNo);
        Assert.True(await Store.TryInsertCertificateAsync(notActive, Ct));
        Assert.True(await Store.TryInsertCertificateAsync(fresh, Ct));

        Assert.False(await Store.TryActivateAsync(fresh.CertSerial, notActive.CertSerial, "superseded", Now, Ct));

        Assert.All(await Store.ListForDeviceAsync(device.SerialNo, Ct), c => Assert.Equal(DeviceCertificateStatus.Pending, c.Status));
    }

    [Fact]
    public async Task A_status_change_from_the_wrong_state_changes_nothing_and_a_revocation_keeps_reason_and_time()
    {
        var device = await InsertDeviceAsync();
        var certificate = Certificate(device.SerialNo, DeviceCertificateStatus.Active);
        Assert.True(await Store.TryInsertCertificateAsync(certificate, Ct));

        Assert.False(await Store.TryChangeStatusAsync(certificate.CertSerial, DeviceCertificateStatus.Pending, DeviceCertificateStatus.Revoked, "keyCompromise", Now, Ct));
        Assert.True(await Store.TryChangeStatusAsync(certificate.CertSerial, DeviceCertificateStatus.Active, DeviceCertificateStatus.Revoked, "keyCompromise", Now.AddHours(1), Ct));
        Assert.False(await Store.TryChangeStatusAsync(certificate.CertSerial, DeviceCertificateStatus.Active, DeviceCertificateStatus.Revoked, "superseded", Now.AddHours(2), Ct));

        var stored = await Store.GetCertificateAsync(certificate.CertSerial, Ct);
        AssertSame(certificate with { Status = DeviceCertificateStatus.Revoked, Reason = "keyCompromise", RevokedAt = Now.AddHours(1) }, stored);
    }

    [Fact]
    public async Task The_crl_lists_revoked_certificates_until_they_expire()
    {
        var device = await InsertDeviceAsync();
        var live = Certificate(device.SerialNo, DeviceCertificateStatus.Revoked) with { RevokedAt = Now, Reason = "keyCompromise" };
        var expired = Certificate(device.SerialNo, DeviceCertificateStatus.Revoked, Now.AddDays(-60)) with { RevokedAt = Now.AddDays(-40), Reason = "superseded" };
        var active = Certificate(device.SerialNo, DeviceCertificateStatus.Active);
        foreach (var c in new[] { live, expired, active })
        {
            Assert.True(await Store.TryInsertCertificateAsync(c, Ct));
        }

        var listed = (await Store.ListRevokedAsync(Now, Ct)).Where(c => c.SerialNo == device.SerialNo).ToList();

        Assert.Equal([live.CertSerial], listed.Select(c => c.CertSerial));
    }

    [Fact]
    public async Task Unconfirmed_certificates_are_listed_once_older_than_the_cut_off_and_a_device_lists_newest_first()
    {
        var device = await InsertDeviceAsync();
        var stale = Certificate(device.SerialNo, notBefore: Now.AddHours(-30));
        var recent = Certificate(device.SerialNo, notBefore: Now.AddHours(-1));
        var revoked = Certificate(device.SerialNo, DeviceCertificateStatus.Revoked, Now.AddHours(-40)) with { RevokedAt = Now, Reason = "superseded" };
        foreach (var c in new[] { stale, recent, revoked })
        {
            Assert.True(await Store.TryInsertCertificateAsync(c, Ct));
        }

        var pending = (await Store.ListPendingAsync(Now.AddHours(-24), Ct)).Where(c => c.SerialNo == device.SerialNo);
        Assert.Equal([stale.CertSerial], pending.Select(c => c.CertSerial));

        Assert.Equal([recent.CertSerial, stale.CertSerial, revoked.CertSerial], (await Store.ListForDeviceAsync(device.SerialNo, Ct)).Select(c => c.CertSerial));
    }

    private static void AssertSame(DeviceCertificateRecord expected, DeviceCertificateRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Der = [] }, actual with { Der = [] });
        Assert.Equal(expected.Der, actual.Der);
    }
}
