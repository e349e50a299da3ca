using System.Text.Json;
using Kavach.Devices.Commands;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Deregistration;

/// <summary>
/// The four-eyes step of a de-registration (§4.10): when a second administrator approves the
/// <see cref="ApprovalKind.Deregistration"/> request, the de-registration moves to Deregistering with its 7-day
/// deadline, the device from Active to Deregistering (from then on only check-in, the <c>deregister</c> command and
/// <c>dereg-ack</c> are answered), and <c>deregister{reason}</c> is queued for its next check-in. Safe to run again
/// after a crash: each step is conditional and the command id is the de-registration id.
/// </summary>
internal sealed class DeregistrationApprovalHandler : IApprovalHandler
{
    private const int MaxRaceRetries = 5;

    private readonly IDeregistrationStore _store;
    private readonly IDeviceRegistryStore _registry;
    private readonly IDeviceCommandStore _commandStore;
    private readonly DeviceCommandService _commands;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly DeregistrationOptions _options;
    private readonly ILogger _logger;

    public DeregistrationApprovalHandler(
        IDeregistrationStore store,
        IDeviceRegistryStore registry,
        IDeviceCommandStore commandStore,
        DeviceCommandService commands,
        IDeviceAudit audit,
        TimeProvider time,
        DeregistrationOptions options,
        ILogger logger)
    {
        _store = store;
        _registry = registry;
        _commandStore = commandStore;
        _commands = commands;
        _audit = audit;
        _time = time;
        _options = options.Validate();
        _logger = logger;
    }

    /// <inheritdoc />
    public ApprovalKind Kind => ApprovalKind.Deregistration;

    /// <inheritdoc />
    public async Task<Result<string?>> OnApprovedAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var record = await _store.GetOpenDeregistrationAsync(request.Subject, cancellationToken);
        if (record is null || !string.Equals(record.ApprovalId, request.Id, StringComparison.Ordinal))
        {
            return DeregistrationErrors.Stale;
        }

        var now = _time.GetUtcNow();
        if (record.State == DeregistrationState.Requested)
        {
            var device = await _registry.GetDeviceAsync(record.SerialNo, cancellationToken);
            if (device is not { State: DeviceState.Active })
            {
                return DeregistrationErrors.Stale;
            }

            var approved = record with
            {
                State = DeregistrationState.Deregistering,
                ApprovedBy = request.DecidedBy,
                ApprovedAt = now,
                DeadlineAt = now + _options.AckDeadline,
                CommandId = record.Id,
            };
            if (!await _store.TryUpdateDeregistrationAsync(approved, DeregistrationState.Requested, cancellationToken))
            {
                return DeregistrationErrors.Stale;
            }

            record = approved;
        }

        if (!await MoveDeviceAsync(record.SerialNo, now, cancellationToken))
        {
            // The device left Active between the checks (compromised, expired): the overdue sweep closes this one.
            return DeregistrationErrors.Stale;
        }

        if (await _commandStore.GetCommandAsync(record.Id, cancellationToken) is null)
        {
            var args = JsonSerializer.Serialize(new DeregisterArguments(record.Reason), DeviceProtocolJsonContext.Default.DeregisterArguments);
            var queued = await _commands.EnqueueSystemAsync(record.SerialNo, OperationsCommandKinds.Deregister, args, record.DeadlineAt!.Value, _options.CommandMaxAttempts, record.Id, cancellationToken);
            if (!queued.IsSuccess && await _commandStore.GetCommandAsync(record.Id, cancellationToken) is null)
            {
                // The device is Deregistering and the deadline runs: without the command it is revoked when the deadline passes.
                return queued.Error;
            }
        }

        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.deregister.approve", request.DecidedBy ?? request.RequestedBy, DeviceAuditEvent.Success, record.SerialNo, $"id={record.Id} approval={request.Id}"), cancellationToken);
        DeregistrationLog.Approved(_logger, record.Id, record.SerialNo, record.Id);
        return "deregistration=" + record.Id;
    }

    /// <inheritdoc />
    public async Task OnRejectedAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var record = await _store.GetOpenDeregistrationAsync(request.Subject, cancellationToken);
        if (record is { State: DeregistrationState.Requested } && string.Equals(record.ApprovalId, request.Id, StringComparison.Ordinal))
        {
            var rejected = record with { State = DeregistrationState.Rejected, CompletedAt = _time.GetUtcNow(), Outcome = DeregistrationOutcomes.Rejected };
            await _store.TryUpdateDeregistrationAsync(rejected, DeregistrationState.Requested, cancellationToken);
        }
    }

    private async Task<bool> MoveDeviceAsync(string serialNo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxRaceRetries; attempt++)
        {
            var device = await _registry.GetDeviceAsync(serialNo, cancellationToken);
            if (device is { State: DeviceState.Deregistering })
            {
                return true;
            }

            if (device is not { State: DeviceState.Active })
            {
                return false;
            }

            // A rotation in flight stops here: a de-registering device is offered only deregister.
            var next = device with { State = DeviceState.Deregistering, RotationDue = false, UpdatedAt = now, Version = device.Version + 1 };
            if (await _registry.TryUpdateDeviceAsync(next, device.Version, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
