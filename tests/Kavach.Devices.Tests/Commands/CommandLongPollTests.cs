using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Commands;
using Kavach.Devices.Registry;
using Kavach.Devices.Tests.Policy;
using Kavach.Devices.Tests.Rotation;
using Kavach.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Tests.Commands;

/// <summary>
/// The long-poll (<c>GET /v1/commands?wait=</c>): known by the TLS certificate, wakes on a command, hands nothing out;
/// a second key of one serial long-polling while the first waits is a clone alert.
/// </summary>
public sealed class CommandLongPollTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new("kavach-ops-poll");
    private RotationHarness _h = null!;
    private CommandLongPoll _poll = null!;

    private static CancellationToken Ct => CancellationToken.None;

    public Task InitializeAsync()
    {
        _h = new RotationHarness(OperationsDatabase.NewSqlite(_folder));
        _poll = new CommandLongPoll(_h.Store, _h.Store, _h.Commands, new LongPollWaiters(), _h.Audit, _h.Time, NullLogger<CommandLongPoll>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_long_poll_wakes_when_a_command_is_queued_and_leaves_it_for_the_signed_check_in()
    {
        var (device, certificate, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        using var tls = X509CertificateLoader.LoadCertificate(certificate.Der);
        var waiting = _poll.WaitAsync(tls, TimeSpan.FromSeconds(55), Ct);
        Assert.False(waiting.IsCompleted);

        var queued = await _h.Commands.EnqueueAsync(device.SerialNo, "getDeviceInfo", null, "admin1", null, Ct);
        var woken = await DriveAsync(waiting);

        Assert.Equal(1, woken.Value);
        var stored = await _h.Store.GetCommandAsync(queued.Value.CmdId, Ct);
        Assert.Equal((DeviceCommandState.Queued, 0), (stored!.State, stored.Attempts));
        Assert.Equal(queued.Value.CmdId, Assert.Single(await _h.Commands.TakePendingAsync(device, Ct)).CmdId);
    }

    [Fact]
    public async Task A_long_poll_with_nothing_pending_ends_with_none_at_55_seconds()
    {
        var (_, certificate, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        using var tls = X509CertificateLoader.LoadCertificate(certificate.Der);
        var started = _h.Time.GetUtcNow();

        var woken = await DriveAsync(_poll.WaitAsync(tls, TimeSpan.FromMinutes(5), Ct));

        Assert.Equal(0, woken.Value);
        Assert.InRange(_h.Time.GetUtcNow() - started, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Attack_a_certificate_copying_a_devices_serial_is_refused_at_once_and_audited()
    {
        var (device, certificate, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        await _h.Commands.EnqueueAsync(device.SerialNo, "getDeviceInfo", null, "admin1", null, Ct);
        using var key = RSA.Create(2048);
        var now = _h.Time.GetUtcNow();

        // Same certificate serial, same subject and issuer name as the device's certificate, but the attacker's own key.
        using var forged = new CertificateRequest($"CN={device.SerialNo},O={RotationHarness.Organization}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .Create(_h.Issuer.Ca.SubjectName, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1), now.AddDays(-1), now.AddDays(20), Convert.FromHexString(certificate.CertSerial));

        await AssertRefusedAsync(forged);
        await AssertRefusedAsync(null);
        Assert.Equal(DeviceCommandState.Queued, Assert.Single(await _h.Store.ListCommandsAsync(device.SerialNo, null, 10, Ct)).State);
        Assert.Equal(certificate.CertSerial, forged.SerialNumber);
    }

    [Fact]
    public async Task A_revoked_certificate_or_a_device_out_of_service_is_refused()
    {
        var (revokedDevice, revoked, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        Assert.True(await _h.Store.TryChangeStatusAsync(revoked.CertSerial, DeviceCertificateStatus.Active, DeviceCertificateStatus.Revoked, "keyCompromise", _h.Time.GetUtcNow(), Ct));
        var (quarantined, quarantinedCertificate, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        Assert.True(await _h.Store.TryUpdateDeviceAsync(quarantined with { State = DeviceState.Quarantined }, quarantined.Version, Ct));

        using var revokedTls = X509CertificateLoader.LoadCertificate(revoked.Der);
        using var quarantinedTls = X509CertificateLoader.LoadCertificate(quarantinedCertificate.Der);
        await AssertRefusedAsync(revokedTls);
        await AssertRefusedAsync(quarantinedTls);
        Assert.Equal(DeviceState.Active, (await _h.Store.GetDeviceAsync(revokedDevice.SerialNo, Ct))!.State);
    }

    [Fact]
    public async Task A_de_registering_device_is_woken_only_for_its_deregister_command()
    {
        var (device, certificate, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        await _h.Commands.EnqueueAsync(device.SerialNo, "syncTime", null, "admin1", null, Ct);
        Assert.True(await _h.Store.TryUpdateDeviceAsync(device with { State = DeviceState.Deregistering }, device.Version, Ct));
        using var tls = X509CertificateLoader.LoadCertificate(certificate.Der);

        Assert.Equal(0, (await DriveAsync(_poll.WaitAsync(tls, TimeSpan.FromSeconds(5), Ct))).Value);

        await _h.Commands.EnqueueSystemAsync(device.SerialNo, "deregister", """{"reason":"retired"}""", _h.Time.GetUtcNow().AddDays(7), 10, null, Ct);
        Assert.Equal(1, (await DriveAsync(_poll.WaitAsync(tls, TimeSpan.FromSeconds(5), Ct))).Value);
    }

    [Fact]
    public async Task Attack_two_keys_long_polling_for_one_serial_raise_a_clone_alert_and_the_second_key_gets_nothing()
    {
        var (device, active, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        var pending = await AddCertificateAsync(device.SerialNo, DeviceCertificateStatus.Pending);
        using var genuine = X509CertificateLoader.LoadCertificate(active.Der);
        using var second = X509CertificateLoader.LoadCertificate(pending.Der);

        // Alone, the pending key is refused like any non-active certificate: nothing is concurrent, nothing to alert.
        await AssertRefusedAsync(second);
        Assert.Empty(_h.Audit.Of("device.clone-alert"));

        var waiting = _poll.WaitAsync(genuine, TimeSpan.FromSeconds(55), Ct);
        Assert.False(waiting.IsCompleted);
        await AssertRefusedAsync(second);

        var alert = Assert.Single(_h.Audit.Of("device.clone-alert"));
        Assert.Equal(("SYSTEM", "ALERT", device.SerialNo), (alert.Actor, alert.Outcome, alert.Subject));
        Assert.Contains($"cert={pending.CertSerial}", alert.Detail, StringComparison.Ordinal);
        Assert.Contains($"waiting={active.CertSerial}", alert.Detail, StringComparison.Ordinal);

        // An alert, not a quarantine (docs/devices/operations.md): the registry and both certificates are as they were,
        // and the genuine wait still ends with the command, which waits for a signed check-in.
        Assert.Equal(DeviceState.Active, (await _h.Store.GetDeviceAsync(device.SerialNo, Ct))!.State);
        var statuses = (await _h.Store.ListForDeviceAsync(device.SerialNo, Ct)).ToDictionary(c => c.CertSerial, c => c.Status);
        Assert.Equal(2, statuses.Count);
        Assert.Equal((DeviceCertificateStatus.Active, DeviceCertificateStatus.Pending), (statuses[active.CertSerial], statuses[pending.CertSerial]));
        var queued = await _h.Commands.EnqueueAsync(device.SerialNo, "getDeviceInfo", null, "admin1", null, Ct);
        Assert.Equal(1, (await DriveAsync(waiting)).Value);
        var stored = await _h.Store.GetCommandAsync(queued.Value.CmdId, Ct);
        Assert.Equal((DeviceCommandState.Queued, 0), (stored!.State, stored.Attempts));
    }

    [Fact]
    public async Task A_reconnect_with_the_same_key_while_the_old_wait_hangs_is_not_a_clone_alert()
    {
        var (device, certificate, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        using var tls = X509CertificateLoader.LoadCertificate(certificate.Der);
        using var again = X509CertificateLoader.LoadCertificate(certificate.Der);
        var old = _poll.WaitAsync(tls, TimeSpan.FromSeconds(55), Ct);
        var reconnect = _poll.WaitAsync(again, TimeSpan.FromSeconds(55), Ct);
        Assert.False(reconnect.IsCompleted);

        await _h.Commands.EnqueueAsync(device.SerialNo, "syncTime", null, "admin1", null, Ct);

        Assert.Equal(1, (await DriveAsync(reconnect)).Value);
        Assert.Equal(1, (await DriveAsync(old)).Value);
        Assert.Empty(_h.Audit.Of("device.clone-alert"));
        Assert.Empty(_h.Audit.Of("device.command.longpoll"));
    }

    [Fact]
    public async Task A_wait_left_by_a_rotation_confirmed_meanwhile_is_not_a_clone_alert()
    {
        var (device, old, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        using var oldTls = X509CertificateLoader.LoadCertificate(old.Der);
        var stale = _poll.WaitAsync(oldTls, TimeSpan.FromSeconds(55), Ct);
        var rotated = await AddCertificateAsync(device.SerialNo, DeviceCertificateStatus.Pending);
        Assert.True(await _h.Store.TryActivateAsync(rotated.CertSerial, old.CertSerial, "superseded", _h.Time.GetUtcNow(), Ct));
        using var rotatedTls = X509CertificateLoader.LoadCertificate(rotated.Der);

        var current = _poll.WaitAsync(rotatedTls, TimeSpan.FromSeconds(55), Ct);
        await _h.Commands.EnqueueAsync(device.SerialNo, "syncTime", null, "admin1", null, Ct);

        Assert.Equal(1, (await DriveAsync(current)).Value);
        await DriveAsync(stale);
        Assert.Empty(_h.Audit.Of("device.clone-alert"));
    }

    // A second certificate of the device CA for the serial, with its own key (a rotation's or re-enrolment's).
    private async Task<DeviceCertificateRecord> AddCertificateAsync(string serialNo, DeviceCertificateStatus status)
    {
        using var key = RSA.Create(2048);
        using var issued = _h.Issuer.Issue(serialNo, RotationHarness.Organization, new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).PublicKey, _h.Time.GetUtcNow());
        var record = new DeviceCertificateRecord(
            issued.SerialNumber.ToUpperInvariant(), serialNo, Convert.ToHexStringLower(SHA256.HashData(issued.PublicKey.ExportSubjectPublicKeyInfo())),
            new DateTimeOffset(issued.NotBefore.ToUniversalTime(), TimeSpan.Zero), new DateTimeOffset(issued.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            status, null, null, null, null, issued.RawData);
        Assert.True(await _h.Store.TryInsertCertificateAsync(record, Ct));
        return record;
    }

    private async Task AssertRefusedAsync(X509Certificate2? tls)
    {
        var before = _h.Audit.Of("device.command.longpoll").Count;

        // Refused before any waiting: the fake clock never moves here, so a wait would never end.
        var refused = await _poll.WaitAsync(tls, TimeSpan.FromSeconds(55), Ct).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(DeviceOperationErrors.NotADeviceCertificate.Code, refused.Error?.Code);
        var audited = _h.Audit.Of("device.command.longpoll");
        Assert.Equal(before + 1, audited.Count);
        Assert.Equal(DeviceOperationErrors.NotADeviceCertificate.Code, audited[^1].Outcome);
    }

    // Moves the fake clock in steps until the long-poll ends (each step lets its timer fire; the real pause only yields).
    private async Task<Kavach.Keys.Errors.Result<int>> DriveAsync(Task<Kavach.Keys.Errors.Result<int>> waiting)
    {
        for (var step = 0; step < 200 && !waiting.IsCompleted; step++)
        {
            await Task.WhenAny(waiting, Task.Delay(20));
            if (!waiting.IsCompleted)
            {
                _h.Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.True(waiting.IsCompleted, "the long-poll did not end");
        return await waiting;
    }
}
