using System.Globalization;
using Kavach.Devices.Commands;
using Kavach.Devices.Policy;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Devices.Rotation;
using Kavach.Devices.Updates;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Checkin;

/// <summary>
/// Check-in (spec §4.6): records the device's telemetry on its registry row (last check-in, firmware, release counter —
/// nothing else; the protocol's schema has no biometric or transaction member to record), and answers with the
/// commands pending for it, <c>rotateKey</c> while a rotation is open or due (§4.8), <c>updateAvailable</c> when its
/// rollout reaches it (§4.9), only <c>deregister</c> while it is de-registering (§4.10), the policy, and a shorter
/// <c>pollAfterSeconds</c> when commands were handed out. The response is signed by the downlink writer and echoes the
/// device's signed digital id (§4.13.1).
/// </summary>
public sealed class CheckinService
{
    private const int MaxFirmwareLength = 64;
    private const int MaxRaceRetries = 5;

    private readonly IDeviceRegistryStore _registry;
    private readonly DeviceCommandService _commands;
    private readonly KeyRotationService _rotation;
    private readonly IDeviceUpdates? _updates;
    private readonly DownlinkWriter _writer;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly CheckinOptions _options;
    private readonly DevicePolicy _policy;
    private readonly ILogger _logger;

    /// <summary>Creates the service; <paramref name="updates"/> is null in a host without signed updates.</summary>
    public CheckinService(
        IDeviceRegistryStore registry,
        DeviceCommandService commands,
        KeyRotationService rotation,
        IDeviceUpdates? updates,
        DownlinkWriter writer,
        IDeviceAudit audit,
        TimeProvider time,
        CheckinOptions options,
        DevicePolicyOptions policy,
        ILogger<CheckinService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(policy);
        options.Validate();
        _registry = registry;
        _commands = commands;
        _rotation = rotation;
        _updates = updates;
        _writer = writer;
        _audit = audit;
        _time = time;
        _options = options;
        _policy = new DevicePolicy(options.CheckinSeconds, policy.RotateAfterDays, options.CertDays);
        _logger = logger;
    }

    /// <summary>The policy sent with every check-in response.</summary>
    public DevicePolicy Policy => _policy;

    /// <summary>
    /// Records <paramref name="request"/>'s telemetry and returns the signed response; a device that is not active or
    /// de-registering, or telemetry out of bounds, is refused and nothing is recorded.
    /// </summary>
    public async Task<Result<SignedDownlink>> CheckInAsync(CheckinRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _time.GetUtcNow();
        var body = request.Body;
        if (!ProtocolValues.IsShortText(body.FwVersion, MaxFirmwareLength) || body.ReleaseCounter < 0)
        {
            return await RefuseAsync(now, request.SerialNo, DeviceOperationErrors.InvalidTelemetry, cancellationToken);
        }

        var device = await RecordTelemetryAsync(request.SerialNo, body, now, cancellationToken);
        if (device is null)
        {
            return await RefuseAsync(now, request.SerialNo, DeviceOperationErrors.DeviceNotActive, cancellationToken);
        }

        var commands = new List<DownlinkCommand>();
        foreach (var command in await _commands.TakePendingAsync(device, cancellationToken))
        {
            commands.Add(ToDownlink(command));
        }

        var rotation = await _rotation.OfferAsync(device, cancellationToken);
        if (rotation is not null)
        {
            commands.Add(ToDownlink(rotation));
        }

        if (device.State == DeviceState.Active && _updates is not null && await _updates.GetPendingUpdateAsync(device, cancellationToken) is { } update)
        {
            commands.Add(new DownlinkCommand(
                "update-" + update.ReleaseCounter.ToString(CultureInfo.InvariantCulture),
                OperationsCommandKinds.UpdateAvailable,
                ProtocolTimestamp.ToText(ProtocolTimestamp.TruncateToMilliseconds(now + _options.UpdateCommandLifetime)),
                CommandArguments.ToElement($"{{\"releaseCounter\":{update.ReleaseCounter.ToString(CultureInfo.InvariantCulture)}}}")));
        }

        var pollAfter = commands.Count > 0 ? _options.PollAfterWithCommandsSeconds : _options.CheckinSeconds;
        var signed = await _writer.WriteAsync(
            new DownlinkDraft(MessageKinds.Checkin, request.Jti, request.SerialNo, request.DigitalId, new EmptyBody(), commands, _policy, pollAfter),
            cancellationToken);
        CheckinLog.CheckedIn(_logger, request.SerialNo, body.FwVersion, body.ReleaseCounter, commands.Count, pollAfter);
        await _audit.RecordAsync(
            new DeviceAuditEvent(now, "device.checkin", OperationsActors.Device(request.SerialNo), DeviceAuditEvent.Success, request.SerialNo, $"commands={commands.Count} rotateKey={(rotation is null ? "no" : rotation.CmdId)}"),
            cancellationToken);
        return signed;
    }

    /// <summary>A stored command as the response carries it.</summary>
    public static DownlinkCommand ToDownlink(DeviceCommandRecord command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new DownlinkCommand(command.CmdId, command.Kind, ProtocolTimestamp.ToText(ProtocolTimestamp.TruncateToMilliseconds(command.ExpiresAt)), CommandArguments.ToElement(command.Args));
    }

    // Only the three telemetry values the registry keeps are written; the rest of the body is read and dropped.
    private async Task<DeviceRecord?> RecordTelemetryAsync(string serialNo, CheckinBody body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxRaceRetries; attempt++)
        {
            var device = await _registry.GetDeviceAsync(serialNo, cancellationToken);
            if (device is not { State: DeviceState.Active or DeviceState.Deregistering })
            {
                return null;
            }

            if (body.ReleaseCounter < device.ReleaseCounter && attempt == 0)
            {
                CheckinLog.ReleaseRegressed(_logger, serialNo, body.ReleaseCounter, device.ReleaseCounter);
            }

            var updated = device with { LastCheckin = now, FirmwareVersion = body.FwVersion, ReleaseCounter = body.ReleaseCounter, UpdatedAt = now };
            if (await _registry.TryUpdateDeviceAsync(updated, device.Version, cancellationToken))
            {
                return updated with { Version = device.Version + 1 };
            }
        }

        // Writers kept racing us (the daily job, a rotation): serve the device with what is there rather than fail.
        return await _registry.GetDeviceAsync(serialNo, cancellationToken) is { State: DeviceState.Active or DeviceState.Deregistering } current ? current : null;
    }

    private async Task<KavachError> RefuseAsync(DateTimeOffset now, string serialNo, KavachError error, CancellationToken cancellationToken)
    {
        CheckinLog.Refused(_logger, serialNo, error.Code);
        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.checkin", OperationsActors.Device(serialNo), error.Code, serialNo), cancellationToken);
        return error;
    }
}
