using Kavach.Devices.Hooks;
using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Devices.Transparency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Deregistration;

/// <summary>
/// What every revocation of device certificates gets once the registry holds it, whoever revoked (de-registration,
/// compromise, a whitelist batch re-admitting the serial): a transparency-log entry per certificate (and
/// <c>device-deregistered</c> when the device ended Deregistered), the outbound hooks (PMS deactivation, IDA hotlist
/// block) queued in the durable outbox, and the CRL republished. The one implementation is <see cref="RevocationAftermath"/>.
/// </summary>
public interface IRevocationAftermath
{
    /// <summary>
    /// Logs <paramref name="revoked"/> (certificates of <paramref name="device"/> already Revoked in the store with
    /// <paramref name="reason"/> at <paramref name="at"/>) and queues the hooks; throws when the log or the outbox failed
    /// (the caller leaves its own step open so a re-run finishes it). A CRL failure is only logged.
    /// </summary>
    Task RecordAsync(DeviceRecord device, IReadOnlyList<DeviceCertificateRecord> revoked, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Whether a deactivation hook about <paramref name="serialNo"/> was queued at or after <paramref name="since"/>: a re-run's sign that <see cref="RecordAsync"/> finished.</summary>
    Task<bool> HooksQueuedSinceAsync(string serialNo, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <inheritdoc />
public sealed class RevocationAftermath : IRevocationAftermath
{
    private readonly IDeviceCaMaintenance _ca;
    private readonly TransparencyLog _log;
    private readonly HookPublisher _hooks;
    private readonly ILogger _logger;

    /// <summary>Composes the aftermath.</summary>
    public RevocationAftermath(IDeviceCaMaintenance ca, TransparencyLog log, HookPublisher hooks, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(hooks);
        _ca = ca;
        _log = log;
        _hooks = hooks;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task RecordAsync(DeviceRecord device, IReadOnlyList<DeviceCertificateRecord> revoked, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(revoked);
        try
        {
            foreach (var certificate in revoked)
            {
                await AppendAsync(new TransparencyEntry(TransparencyEventKind.CertificateRevoked, at, device.SerialNo, device.FtmCertSha256?.ToLowerInvariant(), certificate.CertSerial, certificate.SpkiSha256, reason), cancellationToken);
            }

            var current = revoked.FirstOrDefault(c => c.Status == DeviceCertificateStatus.Active) ?? (revoked.Count > 0 ? revoked[0] : null);
            if (device.State == DeviceState.Deregistered)
            {
                await AppendAsync(new TransparencyEntry(TransparencyEventKind.DeviceDeregistered, at, device.SerialNo, device.FtmCertSha256?.ToLowerInvariant(), current?.CertSerial, current?.SpkiSha256, reason), cancellationToken);
            }

            var hookReason = reason == DeregistrationOutcomes.KeyCompromise ? DeregistrationOutcomes.HookCompromised : DeregistrationOutcomes.HookDeregistered;
            await _hooks.DeviceDeactivatedAsync(device, current?.CertSerial, hookReason, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The revocation is in the database and holds on every replica; only the record of it failed.
            DeregistrationLog.AftermathFailed(_logger, exception, device.SerialNo);
            throw;
        }

        try
        {
            await _ca.PublishCrlAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The CA rebuilds its CRL on the next request because the revoked set changed, and the daily job publishes.
            DeregistrationLog.CrlFailed(_logger, exception, device.SerialNo);
        }
    }

    /// <inheritdoc />
    public Task<bool> HooksQueuedSinceAsync(string serialNo, DateTimeOffset since, CancellationToken cancellationToken) =>
        _hooks.DeactivationQueuedSinceAsync(serialNo, since, cancellationToken);

    private async Task AppendAsync(TransparencyEntry entry, CancellationToken cancellationToken)
    {
        var appended = await _log.AppendAsync(entry, cancellationToken);
        if (!appended.IsSuccess)
        {
            throw new InvalidOperationException("The transparency log refused a revocation entry: " + appended.Error.Code);
        }
    }
}
