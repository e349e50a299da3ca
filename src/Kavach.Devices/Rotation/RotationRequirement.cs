using Kavach.Devices.Commands;
using Kavach.Devices.Registry;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Rotation;

/// <summary>
/// An administrator's "rotate this device's key now" (spec §4.8: a compromise flag makes a device due whatever its
/// certificate's age — a suspected exposure, a device CA to retire early). It sets the device's rotation flag, so its
/// next check-in is offered <c>rotateKey</c> and the rotation runs like a scheduled one; the old certificate stays valid
/// until the confirm. To cut a device off at once, revoke or de-register it instead.
/// </summary>
public sealed class RotationRequirement
{
    private const int MaxRaceRetries = 5;

    private readonly IDeviceRegistryStore _registry;
    private readonly IDeviceCertificateStore _certificates;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the service over the registry.</summary>
    public RotationRequirement(IDeviceRegistryStore registry, IDeviceCertificateStore certificates, IDeviceAudit audit, TimeProvider time, ILogger<RotationRequirement> logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _registry = registry;
        _certificates = certificates;
        _audit = audit;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Marks <paramref name="serialNo"/> due for rotation on behalf of <paramref name="actor"/> (an administrator). Only
    /// an <see cref="DeviceState.Active"/> device with an active certificate can rotate; any other is refused with
    /// <see cref="DeviceOperationErrors.DeviceNotActive"/> (audited) and nothing changes. A device already due stays as
    /// it is; <see cref="DeviceOperationErrors.DeviceNotCommandable"/> when other writers kept racing the update.
    /// </summary>
    public async Task<Result<DeviceRecord>> RequireAsync(string serialNo, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var now = _time.GetUtcNow();
        for (var attempt = 0; attempt < MaxRaceRetries; attempt++)
        {
            var device = await _registry.GetDeviceAsync(serialNo, cancellationToken);
            if (device is not { State: DeviceState.Active } ||
                !(await _certificates.ListForDeviceAsync(serialNo, cancellationToken)).Any(c => c.Status == DeviceCertificateStatus.Active))
            {
                await _audit.RecordAsync(new DeviceAuditEvent(now, "device.rotation.required", actor, DeviceOperationErrors.DeviceNotActive.Code, serialNo), cancellationToken);
                return DeviceOperationErrors.DeviceNotActive;
            }

            if (device.RotationDue)
            {
                return device;
            }

            var due = device with { RotationDue = true, UpdatedAt = now };
            if (await _registry.TryUpdateDeviceAsync(due, device.Version, cancellationToken))
            {
                RotationLog.Required(_logger, serialNo, actor);
                await _audit.RecordAsync(new DeviceAuditEvent(now, "device.rotation.required", actor, DeviceAuditEvent.Success, serialNo), cancellationToken);
                return due with { Version = device.Version + 1 };
            }
        }

        // Other writers kept changing the row (check-ins, the daily job): stop looping; one of them may have set the flag.
        return await _registry.GetDeviceAsync(serialNo, cancellationToken) is { RotationDue: true } current
            ? current
            : DeviceOperationErrors.DeviceNotCommandable;
    }
}
