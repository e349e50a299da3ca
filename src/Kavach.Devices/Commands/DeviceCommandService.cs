using Kavach.Devices.Policy;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Commands;

/// <summary>
/// The command queue's rules (spec §4.6): administrators queue catalogue commands, devices get them in check-in
/// responses or by long-poll, results are idempotent on the command id, a command without a result in time is
/// delivered again up to <see cref="DeviceCommandOptions.MaxAttempts"/> times, and expires. Every move is a
/// conditional update (<see cref="IDeviceCommandStore"/>), so two replicas never deliver one command twice in one
/// attempt nor lose it: a delivery whose response never reached the device is retried after the result time-out.
/// </summary>
public sealed class DeviceCommandService
{
    private const int MaxRaceRetries = 5;

    private readonly IDeviceCommandStore _commands;
    private readonly IDeviceRegistryStore _registry;
    private readonly IDeviceAudit _audit;
    private readonly DeviceCommandSignals _signals;
    private readonly IEnumerable<IDeviceCommandObserver> _observers;
    private readonly TimeProvider _time;
    private readonly DeviceCommandOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    public DeviceCommandService(
        IDeviceCommandStore commands,
        IDeviceRegistryStore registry,
        IDeviceAudit audit,
        DeviceCommandSignals signals,
        IEnumerable<IDeviceCommandObserver> observers,
        TimeProvider time,
        DeviceCommandOptions options,
        ILogger<DeviceCommandService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _commands = commands;
        _registry = registry;
        _audit = audit;
        _signals = signals;
        _observers = observers;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>The options in force.</summary>
    public DeviceCommandOptions Options => _options;

    /// <summary>
    /// Queues an administrator's command (<c>getDeviceInfo</c>, <c>syncTime</c>, <c>setPolicy</c>, <c>getLogs</c>) for an
    /// active device; <paramref name="timeToLive"/> defaults to <see cref="DeviceCommandOptions.DefaultTimeToLive"/>.
    /// </summary>
    public async Task<Result<DeviceCommandRecord>> EnqueueAsync(string serialNo, string kind, string? argsJson, string actor, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var now = _time.GetUtcNow();
        var ttl = timeToLive ?? _options.DefaultTimeToLive;
        var args = OperationsCommandKinds.AdminKinds.Contains(kind) ? CommandArguments.Normalize(kind, argsJson, _options.MaxArgsBytes) : null;
        if (args is null || ttl <= TimeSpan.Zero || ttl > _options.MaxTimeToLive)
        {
            return await RefuseAsync(now, "device.command.enqueue", actor, serialNo, DeviceOperationErrors.CommandNotAllowed, "kind=" + Safe(kind), cancellationToken);
        }

        var device = await _registry.GetDeviceAsync(serialNo, cancellationToken);
        if (device is not { State: DeviceState.Active })
        {
            return await RefuseAsync(now, "device.command.enqueue", actor, serialNo, DeviceOperationErrors.DeviceNotCommandable, "kind=" + kind, cancellationToken);
        }

        return await InsertAsync(NewCommand(serialNo, kind, args, now, now + ttl, _options.MaxAttempts, actor, null), cancellationToken);
    }

    /// <summary>
    /// Queues a command of the server's own flows (<c>rotateKey</c>, <c>deregister</c>, <c>updateAvailable</c>), with
    /// an id of the caller's choosing (the rotation id) or a new one.
    /// </summary>
    public async Task<Result<DeviceCommandRecord>> EnqueueSystemAsync(string serialNo, string kind, string argsJson, DateTimeOffset expiresAt, int maxAttempts, string? cmdId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        ArgumentNullException.ThrowIfNull(kind);
        var now = _time.GetUtcNow();
        var args = OperationsCommandKinds.SystemKinds.Contains(kind) ? CommandArguments.Normalize(kind, argsJson, _options.MaxArgsBytes) : null;
        if (args is null || expiresAt <= now || maxAttempts < 1)
        {
            return await RefuseAsync(now, "device.command.enqueue", OperationsActors.System, serialNo, DeviceOperationErrors.CommandNotAllowed, "kind=" + Safe(kind), cancellationToken);
        }

        return await InsertAsync(NewCommand(serialNo, kind, args, now, expiresAt, maxAttempts, OperationsActors.System, cmdId), cancellationToken);
    }

    /// <summary>
    /// The commands to hand to <paramref name="device"/> now, oldest first, each moved to
    /// <see cref="DeviceCommandState.Delivered"/> by this call (overdue ones are settled first). An active device
    /// gets every kind except <c>rotateKey</c> (rotation offers that itself); a de-registering one only <c>deregister</c>;
    /// any other state nothing.
    /// </summary>
    public async Task<IReadOnlyList<DeviceCommandRecord>> TakePendingAsync(DeviceRecord device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.State is not (DeviceState.Active or DeviceState.Deregistering))
        {
            return [];
        }

        await SweepAsync(device.SerialNo, cancellationToken);
        var queued = await _commands.ListCommandsAsync(device.SerialNo, DeviceCommandState.Queued, 1000, cancellationToken);
        var taken = new List<DeviceCommandRecord>();
        var now = _time.GetUtcNow();
        foreach (var command in queued.OrderBy(c => c.CreatedAt).ThenBy(c => c.CmdId, StringComparer.Ordinal))
        {
            if (taken.Count >= _options.MaxPerResponse)
            {
                break;
            }

            if (!Deliverable(device.State, command.Kind) || command.ExpiresAt <= now)
            {
                continue;
            }

            // Another replica answering a concurrent request of the same device may win; then it hands this one out.
            if (await _commands.TryMarkDeliveredAsync(command.CmdId, command.Attempts, now, cancellationToken))
            {
                var delivered = command with { State = DeviceCommandState.Delivered, DeliveredAt = now, Attempts = command.Attempts + 1 };
                taken.Add(delivered);
                CommandLog.Delivered(_logger, command.CmdId, device.SerialNo, delivered.Attempts);
                await _audit.RecordAsync(new DeviceAuditEvent(now, "device.command.deliver", OperationsActors.Device(device.SerialNo), "OK", device.SerialNo, $"cmdId={command.CmdId} kind={command.Kind} attempt={delivered.Attempts}"), cancellationToken);
            }
        }

        return taken;
    }

    /// <summary>
    /// Long-poll (<c>GET /v1/commands?wait=</c>): returns as soon as commands are pending, or an empty list after
    /// <paramref name="wait"/> (capped at <see cref="DeviceCommandOptions.MaxLongPoll"/>; the host answers 204). Wakes
    /// on a command queued on this replica, and re-reads every <see cref="DeviceCommandOptions.LongPollInterval"/>
    /// for commands queued on others. All waiting is on the injected clock.
    /// </summary>
    public Task<IReadOnlyList<DeviceCommandRecord>> WaitForPendingAsync(DeviceRecord device, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        return WaitAsync(device, wait, TakePendingAsync, static taken => taken.Count > 0, cancellationToken);
    }

    /// <summary>
    /// How many commands <paramref name="device"/> would be handed now, without handing them out (nothing changes but
    /// the settling of overdue ones). Rotation offers are not counted: they ride every check-in while open.
    /// </summary>
    public async Task<int> CountPendingAsync(DeviceRecord device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.State is not (DeviceState.Active or DeviceState.Deregistering))
        {
            return 0;
        }

        await SweepAsync(device.SerialNo, cancellationToken);
        var now = _time.GetUtcNow();
        var queued = await _commands.ListCommandsAsync(device.SerialNo, DeviceCommandState.Queued, 1000, cancellationToken);
        return queued.Count(c => Deliverable(device.State, c.Kind) && c.ExpiresAt > now);
    }

    /// <summary>
    /// The wake-up form of the long-poll: waits like <see cref="WaitForPendingAsync"/> but hands nothing out; returns
    /// how many commands are pending (0 when the wait ended), so the device fetches them with a check-in whose signed
    /// response binds them to its request.
    /// </summary>
    public Task<int> WaitUntilPendingAsync(DeviceRecord device, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        return WaitAsync(device, wait, CountPendingAsync, static count => count > 0, cancellationToken);
    }

    // The long-poll loop: read, and until the read finds something or the wait ends, sleep on this replica's signal or
    // the re-read interval, whichever comes first. All waiting is on the injected clock.
    private async Task<T> WaitAsync<T>(DeviceRecord device, TimeSpan wait, Func<DeviceRecord, CancellationToken, Task<T>> read, Func<T, bool> found, CancellationToken cancellationToken)
    {
        var limit = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > _options.MaxLongPoll ? _options.MaxLongPoll : wait;
        var deadline = _time.GetUtcNow() + limit;
        while (true)
        {
            // Subscribe before reading, so a command queued between the read and the wait still wakes us.
            var signal = _signals.WaitAsync(device.SerialNo);
            var result = await read(device, cancellationToken);
            var remaining = deadline - _time.GetUtcNow();
            if (found(result) || remaining <= TimeSpan.Zero)
            {
                return result;
            }

            var pause = remaining < _options.LongPollInterval ? remaining : _options.LongPollInterval;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(signal, Task.Delay(pause, _time, stop.Token));
            await stop.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Records a device's result for one of its delivered commands. The same result again changes nothing
    /// (<see cref="CommandResultAcceptance.Duplicate"/>); a different result for a finished command, a result for a
    /// timed-out or never-delivered command, or another device's command id are refused.
    /// </summary>
    public async Task<Result<CommandResultAcceptance>> SubmitResultAsync(string serialNo, string cmdId, DeviceCommandState outcome, string resultJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        ArgumentNullException.ThrowIfNull(cmdId);
        var actor = OperationsActors.Device(serialNo);
        var now = _time.GetUtcNow();
        if (outcome is not (DeviceCommandState.Succeeded or DeviceCommandState.Failed or DeviceCommandState.Rejected) ||
            !CommandArguments.IsResultObject(resultJson, _options.MaxResultBytes))
        {
            return await RefuseResultAsync(now, actor, serialNo, cmdId, DeviceOperationErrors.InvalidResult, cancellationToken);
        }

        for (var attempt = 0; attempt < MaxRaceRetries; attempt++)
        {
            var command = await _commands.GetCommandAsync(cmdId, cancellationToken);
            if (command is null || !string.Equals(command.SerialNo, serialNo, StringComparison.Ordinal))
            {
                return await RefuseResultAsync(now, actor, serialNo, cmdId, DeviceOperationErrors.UnknownCommand, cancellationToken);
            }

            if (command.State.IsFinal())
            {
                if (command.State == outcome && string.Equals(command.Result, resultJson, StringComparison.Ordinal))
                {
                    return new CommandResultAcceptance(command, Duplicate: true);
                }

                var error = command.State == DeviceCommandState.TimedOut ? DeviceOperationErrors.CommandClosed : DeviceOperationErrors.ResultConflict;
                return await RefuseResultAsync(now, actor, serialNo, cmdId, error, cancellationToken);
            }

            // Rotation succeeds only by its confirm; a device may still report that it could not rotate.
            if (command.Kind == OperationsCommandKinds.RotateKey && outcome == DeviceCommandState.Succeeded)
            {
                return await RefuseResultAsync(now, actor, serialNo, cmdId, DeviceOperationErrors.CommandNotAllowed, cancellationToken);
            }

            if (command.Attempts == 0 || command.ExpiresAt <= now)
            {
                await SweepAsync(serialNo, cancellationToken);
                return await RefuseResultAsync(now, actor, serialNo, cmdId, DeviceOperationErrors.CommandClosed, cancellationToken);
            }

            if (await _commands.TryChangeStateAsync(cmdId, command.State, command.Attempts, outcome, resultJson, now, cancellationToken))
            {
                var done = command with { State = outcome, Result = resultJson, CompletedAt = now };
                CommandLog.Completed(_logger, cmdId, serialNo, outcome.ToName());
                await _audit.RecordAsync(new DeviceAuditEvent(now, "device.command.result", actor, "OK", serialNo, $"cmdId={cmdId} kind={command.Kind} state={outcome.ToName()}"), cancellationToken);
                return new CommandResultAcceptance(done, Duplicate: false);
            }
        }

        // Writers kept moving it under us: report the conflict rather than loop on.
        return await RefuseResultAsync(now, actor, serialNo, cmdId, DeviceOperationErrors.ResultConflict, cancellationToken);
    }

    /// <summary>A verified <c>cmd-result</c> body (<see cref="SubmitResultAsync(string, string, DeviceCommandState, string, CancellationToken)"/>); a missing result object counts as <c>{}</c>.</summary>
    public Task<Result<CommandResultAcceptance>> SubmitResultAsync(string serialNo, CommandResultBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var outcome = body.Status switch
        {
            CommandResultStatus.Succeeded => DeviceCommandState.Succeeded,
            CommandResultStatus.Failed => DeviceCommandState.Failed,
            CommandResultStatus.Rejected => DeviceCommandState.Rejected,
            _ => DeviceCommandState.Queued,
        };
        return SubmitResultAsync(serialNo, body.CmdId, outcome, body.Result is { } result ? result.GetRawText() : "{}", cancellationToken);
    }

    /// <summary>
    /// Settles overdue commands of one device (or all when <paramref name="serialNo"/> is null): expired ones and
    /// delivered ones without a result after their last attempt time out (observers are told), the others are
    /// queued again. Returns how many changed.
    /// </summary>
    public async Task<int> SweepAsync(string? serialNo, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var changed = 0;
        while (true)
        {
            var overdue = await _commands.ListOverdueAsync(serialNo, now, now - _options.ResultTimeout, 500, cancellationToken);
            var movedInPage = 0;
            foreach (var command in overdue)
            {
                var timeOut = command.ExpiresAt <= now || command.Attempts >= command.MaxAttempts;
                var to = timeOut ? DeviceCommandState.TimedOut : DeviceCommandState.Queued;
                if (!await _commands.TryChangeStateAsync(command.CmdId, command.State, command.Attempts, to, null, now, cancellationToken))
                {
                    continue;
                }

                movedInPage++;
                if (timeOut)
                {
                    CommandLog.TimedOut(_logger, command.CmdId, command.SerialNo, command.Attempts);
                    await _audit.RecordAsync(new DeviceAuditEvent(now, "device.command.timeout", OperationsActors.System, "OK", command.SerialNo, $"cmdId={command.CmdId} kind={command.Kind} attempts={command.Attempts}"), cancellationToken);
                    var timedOut = command with { State = DeviceCommandState.TimedOut, CompletedAt = now };
                    foreach (var observer in _observers)
                    {
                        await observer.OnTimedOutAsync(timedOut, cancellationToken);
                    }
                }
                else
                {
                    CommandLog.Requeued(_logger, command.CmdId, command.SerialNo);
                }
            }

            changed += movedInPage;

            // A full page whose rows all lost their races would loop forever; otherwise read on until none are left.
            if (overdue.Count < 500 || movedInPage == 0)
            {
                return changed;
            }
        }
    }

    private static bool Deliverable(DeviceState state, string kind) =>
        state == DeviceState.Deregistering ? kind == OperationsCommandKinds.Deregister : kind != OperationsCommandKinds.RotateKey;

    private static DeviceCommandRecord NewCommand(string serialNo, string kind, string args, DateTimeOffset now, DateTimeOffset expiresAt, int maxAttempts, string actor, string? cmdId) =>
        new(cmdId ?? Guid.NewGuid().ToString("D"), serialNo, kind, args, DeviceCommandState.Queued, now, expiresAt, null, null, 0, maxAttempts, null, actor);

    // A refused kind is attacker-chosen text: keep it short and printable in the audit detail.
    private static string Safe(string text) =>
        string.Concat(text.Take(32).Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_'));

    private async Task<Result<DeviceCommandRecord>> InsertAsync(DeviceCommandRecord command, CancellationToken cancellationToken)
    {
        if (!await _commands.TryInsertCommandAsync(command, cancellationToken))
        {
            return await RefuseAsync(command.CreatedAt, "device.command.enqueue", command.CreatedBy, command.SerialNo, DeviceOperationErrors.CommandNotAllowed, "cmdId=" + command.CmdId + " duplicate=true", cancellationToken);
        }

        CommandLog.Queued(_logger, command.CmdId, command.Kind, command.SerialNo, command.CreatedBy);
        await _audit.RecordAsync(new DeviceAuditEvent(command.CreatedAt, "device.command.enqueue", command.CreatedBy, "OK", command.SerialNo, $"cmdId={command.CmdId} kind={command.Kind}"), cancellationToken);
        _signals.Notify(command.SerialNo);
        return command;
    }

    private async Task<KavachError> RefuseAsync(DateTimeOffset now, string operation, string actor, string serialNo, KavachError error, string detail, CancellationToken cancellationToken)
    {
        await _audit.RecordAsync(new DeviceAuditEvent(now, operation, actor, error.Code, serialNo, detail), cancellationToken);
        return error;
    }

    private async Task<Result<CommandResultAcceptance>> RefuseResultAsync(DateTimeOffset now, string actor, string serialNo, string cmdId, KavachError error, CancellationToken cancellationToken)
    {
        CommandLog.ResultRefused(_logger, Safe(cmdId), serialNo, error.Code);
        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.command.result", actor, error.Code, serialNo, "cmdId=" + Safe(cmdId)), cancellationToken);
        return error;
    }
}
