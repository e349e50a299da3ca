using Kavach.Devices.Registry;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Deregistration;

/// <summary>
/// The end of a device's certificates, shared by de-registration and compromise: every Active or Pending certificate
/// revoked with the reason, the device moved to its final state, then the audit event and <see cref="IRevocationAftermath"/>
/// (transparency log, outbound hooks, CRL), as for a whitelist re-admission's revocations. The registry
/// changes come first: from the next request on every replica refuses the device, whatever happens after.
/// </summary>
internal sealed class DeviceRevocation
{
    private const int MaxRaceRetries = 5;

    private readonly IDeviceRegistryStore _registry;
    private readonly IDeviceCertificateStore _certificates;
    private readonly IRevocationAftermath _aftermath;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public DeviceRevocation(
        IDeviceRegistryStore registry,
        IDeviceCertificateStore certificates,
        IRevocationAftermath aftermath,
        IDeviceAudit audit,
        TimeProvider time,
        ILogger logger)
    {
        _registry = registry;
        _certificates = certificates;
        _aftermath = aftermath;
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
        await _aftermath.RecordAsync(moved, revoked, reason, now, cancellationToken);
        return moved;
    }
}
