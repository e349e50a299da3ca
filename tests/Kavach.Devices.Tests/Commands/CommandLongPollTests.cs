using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Commands;
using Kavach.Devices.Registry;
using Kavach.Devices.Tests.Policy;
using Kavach.Devices.Tests.Rotation;
using Kavach.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Tests.Commands;

/// <summary>The long-poll (<c>GET /v1/commands?wait=</c>): known by the TLS certificate, wakes on a command, hands nothing out.</summary>
public sealed class CommandLongPollTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new("kavach-ops-poll");
    private RotationHarness _h = null!;
    private CommandLongPoll _poll = null!;

    private static CancellationToken Ct => CancellationToken.None;

    public Task InitializeAsync()
    {
        _h = new RotationHarness(OperationsDatabase.NewSqlite(_folder));
        _poll = new CommandLongPoll(_h.Store, _h.Store, _h.Commands, _h.Audit, _h.Time, NullLogger<CommandLongPoll>.Instance);
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
