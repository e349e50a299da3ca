using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Whitelist;

namespace Kavach.Devices.Tests.Registry;

/// <content>Re-admission by a whitelist batch: known serials described, a batch applied in one transaction.</content>
public abstract partial class DeviceStoreContractTests
{
    [Fact]
    public async Task Known_serials_are_described_with_their_registered_state_and_open_batches()
    {
        var provider = await InsertProviderAsync();
        var quarantined = await InsertDeviceAsync(Device(state: DeviceState.Quarantined));
        var active = await InsertDeviceAsync(Device(state: DeviceState.Active));
        var both = await InsertDeviceAsync(Device(state: DeviceState.Deregistered));
        var pending = Entry();
        Assert.True(await Store.TryInsertBatchAsync(Batch(provider.ProviderId, 2), [pending, Entry(both.SerialNo)], Ct));

        var known = await Store.DescribeKnownSerialsAsync([NewSerial(), quarantined.SerialNo, active.SerialNo, both.SerialNo, pending.SerialNo], Ct);

        Assert.Equal(
            new[]
            {
                new KnownSerial(quarantined.SerialNo, DeviceState.Quarantined, false),
                new KnownSerial(active.SerialNo, DeviceState.Active, false),
                new KnownSerial(both.SerialNo, DeviceState.Deregistered, true),
                new KnownSerial(pending.SerialNo, null, true),
            }.OrderBy(k => k.SerialNo, StringComparer.Ordinal),
            known.OrderBy(k => k.SerialNo, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_batch_inserts_new_serials_and_readmits_a_quarantined_one_revoking_its_live_certificates_together()
    {
        var old = await InsertDeviceAsync(Device(state: DeviceState.Quarantined) with { MgmtId = Guid.NewGuid().ToString(), LastSeq = 42, FirmwareVersion = "1.0", ReleaseCounter = 3 });
        var active = Certificate(old.SerialNo, DeviceCertificateStatus.Active);
        var pendingCertificate = Certificate(old.SerialNo);
        var revoked = Certificate(old.SerialNo, DeviceCertificateStatus.Revoked) with { RevokedAt = Now.AddDays(-1), Reason = "superseded" };
        foreach (var certificate in new[] { active, pendingCertificate, revoked })
        {
            Assert.True(await Store.TryInsertCertificateAsync(certificate, Ct));
        }

        var at = Now.AddHours(1);
        var fresh = Device(batch: "BATCH-2");
        var readmitted = Device(old.SerialNo, batch: "BATCH-2") with { UpdatedAt = at, Version = old.Version + 1 };

        // A stale version changes nothing, not even the new serial.
        Assert.False(await Store.TryAdmitDevicesAsync([fresh], [new DeviceReadmission(readmitted, old.Version + 5, DeviceState.Quarantined, "keyCompromise")], Ct));
        Assert.Null(await Store.GetDeviceAsync(fresh.SerialNo, Ct));
        Assert.Equal(old, await Store.GetDeviceAsync(old.SerialNo, Ct));

        Assert.True(await Store.TryAdmitDevicesAsync([fresh], [new DeviceReadmission(readmitted, old.Version, DeviceState.Quarantined, "keyCompromise")], Ct));

        Assert.Equal(fresh, await Store.GetDeviceAsync(fresh.SerialNo, Ct));
        Assert.Equal(readmitted, await Store.GetDeviceAsync(old.SerialNo, Ct));
        var certificates = (await Store.ListForDeviceAsync(old.SerialNo, Ct)).ToDictionary(c => c.CertSerial);
        Assert.Equal((DeviceCertificateStatus.Revoked, "keyCompromise", (DateTimeOffset?)at), (certificates[active.CertSerial].Status, certificates[active.CertSerial].Reason, certificates[active.CertSerial].RevokedAt));
        Assert.Equal((DeviceCertificateStatus.Revoked, "keyCompromise"), (certificates[pendingCertificate.CertSerial].Status, certificates[pendingCertificate.CertSerial].Reason));
        Assert.Equal((DeviceCertificateStatus.Revoked, "superseded"), (certificates[revoked.CertSerial].Status, certificates[revoked.CertSerial].Reason));

        // From a state the device is no longer in: refused.
        Assert.False(await Store.TryAdmitDevicesAsync([], [new DeviceReadmission(readmitted with { Version = readmitted.Version + 1 }, readmitted.Version, DeviceState.Quarantined, "keyCompromise")], Ct));
    }
}
