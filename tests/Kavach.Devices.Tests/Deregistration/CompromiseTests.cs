using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Deregistration;
using Kavach.Devices.Hooks;
using Kavach.Devices.Protocol;
using Kavach.Devices.Registry;
using Kavach.Devices.Transparency;

namespace Kavach.Devices.Tests.Deregistration;

/// <summary>Compromise (spec §4.10, test plan §5.3 "stolen key"): immediate keyCompromise revocation, quarantine, CRL, hooks.</summary>
public sealed class CompromiseTests : IAsyncLifetime
{
    private DeregistrationFixture _f = null!;

    public async Task InitializeAsync() => _f = await DeregistrationFixture.CreateAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Attack_stolen_key_after_revocation_the_next_request_is_refused_and_the_CRL_lists_the_serial()
    {
        await _f.EnrolAsync();
        Assert.True((await _f.CheckinAsync(1)).IsSuccess);

        var compromised = await _f.Service.CompromiseAsync(DeregistrationFixture.SerialNo, "key extracted from a stolen unit", "admin-a", default);

        Assert.True(compromised.IsSuccess, compromised.Error?.Message);
        Assert.Equal(DeviceState.Quarantined, compromised.Value.State);
        var certificate = await _f.CertificateAsync();
        Assert.Equal(DeviceCertificateStatus.Revoked, certificate.Status);
        Assert.Equal("keyCompromise", certificate.Reason);

        // The thief's very next request, with a valid signature and a fresh seq, is refused and records nothing.
        var before = await _f.DeviceAsync();
        var stolen = await _f.CheckinAsync(2);
        Assert.False(stolen.IsSuccess);
        Assert.Equal(MessageRefusal.CertificateStatus, stolen.Refusal);
        Assert.Equal(before.LastSeq, (await _f.DeviceAsync()).LastSeq);

        // The CRL (signed by the CA through the vault) lists it as keyCompromise.
        var crl = _f.Crl.Last!;
        DeregistrationServiceTests.AssertInCrl(crl, _f.CertSerial, X509RevocationReason.KeyCompromise);
        Assert.Same(crl, await _f.Crl.PublishAgainAsync());

        // MOSIP does not read our CRL: the hotlist block and PMS deactivation close that gap; the log records it.
        var hooks = await _f.Store.ListDeliveriesAsync(DeregistrationFixture.SerialNo, default);
        Assert.Equal([HookKind.PmsDeviceDeactivated, HookKind.IdaHotlistBlock], hooks.Select(h => h.Kind).Order());
        var entry = Assert.Single(await _f.LogEntriesAsync());
        Assert.Equal(TransparencyEventKind.CertificateRevoked, entry.Kind);
        Assert.Equal("keyCompromise", entry.Reason);
        Assert.Contains(_f.Audit.Events, e => e.Operation == "device.compromise" && e.Actor == "admin-a" && e.Outcome == "OK");

        // A quarantined device cannot be de-registered or compromised into anything else without a new whitelist approval.
        Assert.Equal(DeregistrationErrors.DeviceNotEligible.Code, (await _f.Service.RequestAsync(DeregistrationFixture.SerialNo, "cleanup", "admin-b", default)).Error!.Code);
    }

    [Fact]
    public async Task A_compromise_during_a_deregistration_closes_it_and_a_late_acknowledgement_is_refused()
    {
        await _f.EnrolAsync();
        var record = await _f.DeregisterAsync();

        Assert.True((await _f.Service.CompromiseAsync(DeregistrationFixture.SerialNo, "clone seen", "admin-c", default)).IsSuccess);

        var closed = (await _f.Service.GetAsync(record.Id, default)).Value;
        Assert.Equal(DeregistrationState.Completed, closed.State);
        Assert.Equal(DeregistrationOutcomes.Compromised, closed.Outcome);
        Assert.Equal("keyCompromise", (await _f.CertificateAsync()).Reason);
        Assert.False((await _f.SendAckAsync(await _f.AckAsync(seq: 1))).IsSuccess);
        Assert.Equal(DeviceState.Quarantined, (await _f.DeviceAsync()).State);

        _f.Advance(TimeSpan.FromDays(8));
        Assert.Equal(0, await _f.Service.RevokeOverdueAsync(default));
    }

    [Fact]
    public async Task A_CRL_that_cannot_be_signed_now_does_not_undo_the_revocation_and_the_next_CRL_lists_it()
    {
        await _f.EnrolAsync();
        _f.Crl.Fail = true;

        var compromised = await _f.Service.CompromiseAsync(DeregistrationFixture.SerialNo, "stolen", "admin-a", default);

        Assert.True(compromised.IsSuccess, compromised.Error?.Message);
        Assert.Equal(DeviceCertificateStatus.Revoked, (await _f.CertificateAsync()).Status);
        Assert.Single(await _f.LogEntriesAsync());
        Assert.Equal(2, (await _f.Store.ListDeliveriesAsync(DeregistrationFixture.SerialNo, default)).Count);
        Assert.False((await _f.CheckinAsync(1)).IsSuccess);
        DeregistrationServiceTests.AssertInCrl(await _f.Crl.PublishAgainAsync(), _f.CertSerial, X509RevocationReason.KeyCompromise);
    }

    [Fact]
    public async Task Compromise_of_an_unknown_or_never_enrolled_device_is_refused()
    {
        Assert.Equal(DeregistrationErrors.DeviceNotFound.Code, (await _f.Service.CompromiseAsync("SN-NONE", "x", "admin-a", default)).Error!.Code);
        Assert.Equal(DeregistrationErrors.InvalidRequest.Code, (await _f.Service.CompromiseAsync(DeregistrationFixture.SerialNo, "", "admin-a", default)).Error!.Code);
    }
}
