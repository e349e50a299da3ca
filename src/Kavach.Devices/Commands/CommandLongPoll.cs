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
/// </summary>
public sealed class CommandLongPoll
{
    private readonly IDeviceCertificateStore _certificates;
    private readonly IDeviceRegistryStore _registry;
    private readonly DeviceCommandService _commands;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the long-poll over the registry and the command service.</summary>
    public CommandLongPoll(IDeviceCertificateStore certificates, IDeviceRegistryStore registry, DeviceCommandService commands, IDeviceAudit audit, TimeProvider time, ILogger<CommandLongPoll> logger)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _certificates = certificates;
        _registry = registry;
        _commands = commands;
        _audit = audit;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> (capped at <see cref="DeviceCommandOptions.MaxLongPoll"/>) for commands of
    /// the device whose certificate is <paramref name="clientCertificate"/>; returns how many are pending (0: none).
    /// A certificate that is not such a device's active one is refused (<see cref="DeviceOperationErrors.NotADeviceCertificate"/>),
    /// audited, and waits for nothing.
    /// </summary>
    public async Task<Result<int>> WaitAsync(X509Certificate2? clientCertificate, TimeSpan wait, CancellationToken cancellationToken)
    {
        var (device, reason) = await IdentifyAsync(clientCertificate, cancellationToken);
        if (device is null)
        {
            CommandLog.LongPollRefused(_logger, reason);
            await _audit.RecordAsync(
                new DeviceAuditEvent(_time.GetUtcNow(), "device.command.longpoll", "anonymous", DeviceOperationErrors.NotADeviceCertificate.Code, null, reason),
                cancellationToken);
            return DeviceOperationErrors.NotADeviceCertificate;
        }

        return await _commands.WaitUntilPendingAsync(device, wait, cancellationToken);
    }

    // The registry row is looked up by the certificate's serial and must hold these very bytes: a certificate with a
    // copied serial from another CA, or an older certificate of the device, does not match.
    private async Task<(DeviceRecord? Device, string Reason)> IdentifyAsync(X509Certificate2? certificate, CancellationToken cancellationToken)
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

        var now = _time.GetUtcNow();
        if (row.Status != DeviceCertificateStatus.Active || now < row.NotBefore || now >= row.NotAfter)
        {
            return (null, "certificate not active");
        }

        var device = await _registry.GetDeviceAsync(row.SerialNo, cancellationToken);
        return device is { State: DeviceState.Active or DeviceState.Deregistering }
            ? (device, string.Empty)
            : (null, "device does not take commands");
    }
}
