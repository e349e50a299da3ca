using System.Text.Json;
using Kavach.DeviceAgent.Operations;
using Kavach.DeviceAgent.Session;
using Kavach.DeviceAgent.State;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.DeviceAgent.Commands;

/// <summary>
/// Runs the commands of the closed catalogue (spec §4.6) and reports each result, signed. A command the catalogue
/// does not know, or one that expired, is answered <c>REJECTED</c> and alerted, never executed; there is no capture,
/// stream or SBI passthrough handler to reach. A command re-delivered because its answer was lost runs again: each
/// kind is harmless to repeat (a rotation and an update resume from their saved state; a de-registration is final).
/// </summary>
public sealed class CommandDispatcher
{
    // The server keeps results up to 16 KiB: an entry is at most about 300 bytes (a 200-character detail).
    private const int MaxLogEntries = 40;
    private readonly IUpdateInstaller? _updates;

    /// <summary>A dispatcher; <paramref name="updates"/> handles <c>updateAvailable</c> (without it the offer is logged and ignored).</summary>
    public CommandDispatcher(IUpdateInstaller? updates = null) => _updates = updates;

    /// <summary>Runs <paramref name="command"/> and reports its result.</summary>
    public async Task<CommandOutcome> RunAsync(DeviceSession session, CatalogueCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(command);
        var kind = command.Kind?.ToWire() ?? "unknown";
        if (!command.IsExecutable)
        {
            session.Log.Alert("command-rejected", $"{command.CmdId} {kind}: {command.Outcome}");
            await ReportAsync(session, command.CmdId, CommandResultStatus.Rejected, null, cancellationToken);
            return new CommandOutcome(command.CmdId, kind, CommandResultStatus.Rejected);
        }

        session.Log.Info("command", $"{command.CmdId} {kind}");
        var (status, result, reported) = await ExecuteAsync(session, command, cancellationToken);
        if (!reported)
        {
            await ReportAsync(session, command.CmdId, status, result, cancellationToken);
        }

        return new CommandOutcome(command.CmdId, kind, status);
    }

    /// <summary>Finishes what a reboot interrupted (an update's trial start) before the device takes new commands.</summary>
    public Task ResumeAsync(DeviceSession session, CancellationToken cancellationToken) =>
        _updates?.ResumeAsync(session, cancellationToken) ?? Task.CompletedTask;

    /// <summary>Sends a command's signed result.</summary>
    public static async Task ReportAsync(DeviceSession session, string cmdId, string status, JsonElement? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var signer = await session.DeviceSignerAsync(cancellationToken);
        var digitalId = await session.DigitalIdAsync(null, cancellationToken);
        await session.ExchangeAsync($"/v1/commands/{Uri.EscapeDataString(cmdId)}/result", new CommandResultBody(cmdId, status, result), signer, session.Link.Mutual(signer.Certificate), MessageKinds.CommandResult, digitalId, cancellationToken);
    }

    private async Task<(string Status, JsonElement? Result, bool Reported)> ExecuteAsync(DeviceSession session, CatalogueCommand command, CancellationToken cancellationToken)
    {
        try
        {
            switch (command.Arguments)
            {
                case NoArguments when command.Kind == DeviceCommandKind.GetDeviceInfo:
                    return (CommandResultStatus.Succeeded, JsonSerializer.SerializeToElement(DeviceInfoReport.Of(session), AgentJsonContext.Default.DeviceInfoReport), false);
                case NoArguments when command.Kind == DeviceCommandKind.SyncTime:
                    await TimeSync.SyncAsync(session, cancellationToken);
                    return (CommandResultStatus.Succeeded, null, false);
                case SetPolicyArguments policy:
                    session.State.Policy = new DevicePolicy(policy.CheckinSeconds, policy.RotateAfterDays, policy.CertDays);
                    session.Save();
                    return (CommandResultStatus.Succeeded, null, false);
                case GetLogsArguments logs:
                    var entries = session.Log.Read(logs.SinceSeq, MaxLogEntries + 1);
                    var report = new LogsReport([.. entries.Take(MaxLogEntries)], entries.Count > MaxLogEntries);
                    return (CommandResultStatus.Succeeded, JsonSerializer.SerializeToElement(report, AgentJsonContext.Default.LogsReport), false);
                case RotateKeyArguments rotate:
                    // The confirm closes the command on the server; only a failure is reported as a result.
                    await KeyRotation.RotateAsync(session, rotate, cancellationToken);
                    return (CommandResultStatus.Succeeded, null, true);
                case DeregisterArguments:
                    // The zeroisation proof is the answer: after it the device has no key to sign a result with.
                    await Deregistration.ZeroiseAsync(session, cancellationToken);
                    return (CommandResultStatus.Succeeded, null, true);
                case UpdateAvailableArguments update when _updates is not null:
                    // The signed update-report answers it; the server keeps no command record for an offer.
                    var installed = await _updates.InstallAsync(session, update.ReleaseCounter, command.CmdId, cancellationToken);
                    return (installed ? CommandResultStatus.Succeeded : CommandResultStatus.Failed, null, true);
                default:
                    session.Log.Warn("command-failed", $"{command.CmdId}: no handler configured");
                    return (CommandResultStatus.Failed, null, false);
            }
        }
        catch (AgentException failure) when (failure.Code is not AgentErrors.ImpostorServer and not AgentErrors.Unreachable)
        {
            session.Log.Warn("command-failed", $"{command.CmdId}: {failure.Code}");
            return (CommandResultStatus.Failed, null, session.State.Phase == DevicePhase.Deregistered);
        }
    }
}
