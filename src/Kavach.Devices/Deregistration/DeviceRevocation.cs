using Kavach.Devices.Hooks;
using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Devices.Transparency;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Deregistration;

/// <summary>
/// The end of a device's certificates, shared by de-registration and compromise: every Active or Pending certificate
/// revoked with the reason, the device moved to its final state, then the audit event, the transparency log entries
/// and the outbound hooks (PMS deactivation, IDA hotlist block), and the CRL republished (a failure there is logged: the
/// CA rebuilds it on the next request). The registry
/// changes come first: from the next request on every replica refuses the device, whatever happens after.
/// </summary>
internal sealed class DeviceRevocation
{
    private const int MaxRaceRetries = 5;

    private readonly IDeviceRegistryStore _registry;
    private readonly IDeviceCertificateStore _certificates;
    private readonly IDeviceCaMaintenance _ca;
    private readonly TransparencyLog _log;
    private readonly HookPublisher _hooks;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public DeviceRevocation(
        IDeviceRegistryStore registry,
        IDeviceCertificateStore certificates,
        IDeviceCaMaintenance ca,
        TransparencyLog log,
        HookPublisher hooks,
        IDeviceAudit audit,
        TimeProvider time,
        ILogger logger)
    {
        _registry = registry;
        _certificates = certificates;
        _ca = ca;
        _log = log;
        _hooks = hooks;
        _audit = audit;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Revokes the device's live certificates with <paramref name="reason"/> and moves it to <paramref name="final"/>
    /// when its state is one of <paramref name="from"/>. Null, and nothing changed, when the device is missing or in
    /// another state; otherwise the device as stored now.
    /// </summary>
    public async Task<DeviceRecord?> RevokeAsync(
        string serialNo,
        IReadOnlySet<DeviceState> from,
        DeviceState final,
        string reason,
        string outcome,
        string actor,
        string operation,
        CancellationToken cancellationToken)
    {
        DeviceRecord? moved = null;
        for (var attempt = 0; attempt < MaxRaceRetries && moved is null; attempt++)
        {
            var device = await _registry.GetDeviceAsync(serialNo, cancellationToken);
            if (device is null || !from.Contains(device.State))
            {
                return null;
            }

            var next = device with { State = final, RotationDue = false, UpdatedAt = _time.GetUtcNow(), Version = device.Version + 1 };
            if (await _registry.TryUpdateDeviceAsync(next, device.Version, cancellationToken))
            {
                moved = next;
            }
        }

        if (moved is null)
        {
            return null;
        }

        // The state change already refuses the device everywhere; revoking its certificates puts them in the CRL.
        var now = _time.GetUtcNow();
        var revoked = new List<DeviceCertificateRecord>();
        foreach (var certificate in await _certificates.ListForDeviceAsync(serialNo, cancellationToken))
        {
            if (certificate.Status is DeviceCertificateStatus.Active or DeviceCertificateStatus.Pending
                && await _certificates.TryChangeStatusAsync(certificate.CertSerial, certificate.Status, DeviceCertificateStatus.Revoked, reason, now, cancellationToken))
            {
                revoked.Add(certificate);
            }
        }

        var serials = string.Join(',', revoked.Select(c => c.CertSerial));
        await _audit.RecordAsync(new DeviceAuditEvent(now, operation, actor, DeviceAuditEvent.Success, serialNo, $"reason={reason} outcome={outcome} state={final} certs={(serials.Length == 0 ? "none" : serials)}"), cancellationToken);
        DeregistrationLog.Revoked(_logger, serialNo, reason, outcome, revoked.Count, final.ToString());
        await AftermathAsync(moved, revoked, reason, now, cancellationToken);
        return moved;
    }

    private async Task AftermathAsync(DeviceRecord device, List<DeviceCertificateRecord> revoked, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var certificate in revoked)
            {
                await _log.AppendAsync(new TransparencyEntry(TransparencyEventKind.CertificateRevoked, now, device.SerialNo, device.FtmCertSha256?.ToLowerInvariant(), certificate.CertSerial, certificate.SpkiSha256, reason), cancellationToken);
            }

            var current = revoked.FirstOrDefault(c => c.Status == DeviceCertificateStatus.Active) ?? revoked.FirstOrDefault();
            if (device.State == DeviceState.Deregistered)
            {
                await _log.AppendAsync(new TransparencyEntry(TransparencyEventKind.DeviceDeregistered, now, device.SerialNo, device.FtmCertSha256?.ToLowerInvariant(), current?.CertSerial, current?.SpkiSha256, reason), cancellationToken);
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
}
