using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Commands;

/// <summary>
/// <c>GET /v1/commands?wait=</c> (spec §4.4, §4.6): the optional long-poll of a device under active maintenance. The
/// request has no body, so the device is known only by its TLS client certificate, which must be byte-equal to the
/// device's <see cref="DeviceCertificateStatus.Active"/> certificate in the registry, inside its validity, of a device
/// that takes commands (Active, or Deregistering for its <c>deregister</c>). The long-poll hands nothing out: it returns
/// once commands are pending (the host answers 200 and the device checks in, so every command still reaches it in a
/// signed response bound to its request) or when the wait ends with nothing pending (the host answers 204).
/// A long-poll authenticated with another live key of a serial (a Pending certificate, or any key other than the one
/// waiting) while the serial's key waits on this replica is a clone alert (spec §5.3); the same key twice is a reconnect.
/// </summary>
public sealed class CommandLongPoll
{
    private readonly IDeviceCertificateStore _certificates;
    private readonly IDeviceRegistryStore _registry;
    private readonly DeviceCommandService _commands;
    private readonly LongPollWaiters _waiters;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the long-poll over the registry and the command service.</summary>
    public CommandLongPoll(IDeviceCertificateStore certificates, IDeviceRegistryStore registry, DeviceCommandService commands, LongPollWaiters waiters, IDeviceAudit audit, TimeProvider time, ILogger<CommandLongPoll> logger)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(waiters);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _certificates = certificates;
        _registry = registry;
        _commands = commands;
        _waiters = waiters;
        _audit = audit;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> (capped at <see cref="DeviceCommandOptions.MaxLongPoll"/>) for commands of
    /// the device whose certificate is <paramref name="clientCertificate"/>; returns how many are pending (0: none).
    /// A certificate that is not such a device's active one, or a second key of a serial whose key waits, is refused
    /// (<see cref="DeviceOperationErrors.NotADeviceCertificate"/>), audited, and waits for nothing.
    /// </summary>
    public async Task<Result<int>> WaitAsync(X509Certificate2? clientCertificate, TimeSpan wait, CancellationToken cancellationToken)
    {
        var (certificate, reason) = await AuthenticateAsync(clientCertificate, cancellationToken);
        if (certificate is null)
        {
            return await RefuseAsync(reason, cancellationToken);
        }

        // Registered before the other waits are read, so of two keys arriving together at least one sees the other.
        var active = certificate.Status == DeviceCertificateStatus.Active;
        var others = _waiters.Join(certificate.SerialNo, certificate.CertSerial, certificate.SpkiSha256, active, out var lease);
        using (lease)
        {
            if (await FirstLiveAsync(others, cancellationToken) is { } waiting)
            {
                var detail = $"reason=concurrent-long-poll cert={certificate.CertSerial} waiting={waiting.CertSerial}";
                await CloneAlert.RaiseAsync(_audit, _time, _logger, certificate.SerialNo, quarantined: false, "a second key long-polls while another waits", detail, cancellationToken);
                return await RefuseAsync("another key of the device is long-polling", cancellationToken);
            }

            if (!active)
            {
                return await RefuseAsync("certificate not active", cancellationToken);
            }

            var device = await _registry.GetDeviceAsync(certificate.SerialNo, cancellationToken);
            if (device is not { State: DeviceState.Active or DeviceState.Deregistering })
            {
                return await RefuseAsync("device does not take commands", cancellationToken);
            }

            return await _commands.WaitUntilPendingAsync(device, wait, cancellationToken);
        }
    }

    // The TLS handshake proved the key; the registry row must hold these very bytes (a certificate with a copied serial
    // from another CA does not match), be Active or Pending and inside its validity: a live key of the serial.
    private async Task<(DeviceCertificateRecord? Certificate, string Reason)> AuthenticateAsync(X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        if (certificate is null)
        {
            return (null, "no client certificate");
        }

        var row = await _certificates.GetCertificateAsync(certificate.SerialNumber.ToUpperInvariant(), cancellationToken);
        if (row is null || !certificate.RawDataMemory.Span.SequenceEqual(row.Der))
        {
            return (null, "not a registered device certificate");
        }

        return IsLive(row) ? (row, string.Empty) : (null, "certificate not active");
    }

    // A wait whose certificate was revoked since (superseded by a rotation confirmed meanwhile) is a stale connection of
    // the same device, not a second key.
    private async Task<DeviceCertificateRecord?> FirstLiveAsync(IReadOnlyList<string> certSerials, CancellationToken cancellationToken)
    {
        foreach (var certSerial in certSerials)
        {
            if (await _certificates.GetCertificateAsync(certSerial, cancellationToken) is { } other && IsLive(other))
            {
                return other;
            }
        }

        return null;
    }

    private bool IsLive(DeviceCertificateRecord row)
    {
        var now = _time.GetUtcNow();
        return row.Status is DeviceCertificateStatus.Active or DeviceCertificateStatus.Pending && now >= row.NotBefore && now < row.NotAfter;
    }

    private async Task<Result<int>> RefuseAsync(string reason, CancellationToken cancellationToken)
    {
        CommandLog.LongPollRefused(_logger, reason);
        await _audit.RecordAsync(
            new DeviceAuditEvent(_time.GetUtcNow(), "device.command.longpoll", "anonymous", DeviceOperationErrors.NotADeviceCertificate.Code, null, reason),
            cancellationToken);
        return DeviceOperationErrors.NotADeviceCertificate;
    }
}
