using Kavach.DeviceAgent.Commands;
using Kavach.DeviceAgent.Session;
using Kavach.DeviceAgent.State;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.DeviceAgent.Operations;

/// <summary>
/// A check-in (spec §4.6): telemetry only — versions, certificate, status, health — never biometric, transaction or
/// capture data; then every command of the signed answer through the <see cref="CommandDispatcher"/>.
/// </summary>
public static class Checkin
{
    /// <summary>How long without a time sync before the device reports <c>Not Ready</c> (spec §4.7).</summary>
    public static readonly TimeSpan MaxTimeSyncAge = TimeSpan.FromHours(24);

    /// <summary>Checks in and runs the commands; returns what happened.</summary>
    public static async Task<CheckinOutcome> CheckInAsync(DeviceSession session, CommandDispatcher dispatcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(dispatcher);
        var state = session.State;
        if (state.Phase != DevicePhase.Active)
        {
            throw new AgentException(AgentErrors.WrongPhase, $"device {session.SerialNo} is {state.Phase}: only an enrolled device checks in");
        }

        if (!session.Clock.HasTrustedTime)
        {
            await TimeSync.SyncAsync(session, cancellationToken);
        }

        var signer = await session.DeviceSignerAsync(cancellationToken);
        var digitalId = await session.DigitalIdAsync(null, cancellationToken);
        var body = new CheckinBody(
            state.RunningFirmware ?? state.Identity.FirmwareVersion,
            state.InstalledReleaseCounter,
            CertificateFacts.SerialOf(signer.Certificate),
            CertificateFacts.NotAfterOf(state.CertificatePem!),
            DeviceStatus(session),
            new DeviceHealth(40.0, false, 0),
            new SbiInfo(state.Identity.SpecVersion, state.Identity.ServiceVersion),
            state.LastTimeSync);
        var answer = await session.ExchangeAsync("/v1/checkin", body, signer, session.Link.Mutual(signer.Certificate), MessageKinds.Checkin, digitalId, cancellationToken);
        session.Log.Info("checkin", $"{answer.Commands.Count} command(s), next in {answer.Payload.PollAfterSeconds} s");
        var results = new List<CommandOutcome>();
        foreach (var command in answer.Commands)
        {
            results.Add(await dispatcher.RunAsync(session, command, cancellationToken));
            if (state.Phase == DevicePhase.Deregistered)
            {
                break;
            }
        }

        return new CheckinOutcome(answer.Payload.PollAfterSeconds, results);
    }

    // SBI rule (spec §4.7): without a successful sync for 24 h the device is not ready.
    private static string DeviceStatus(DeviceSession session) =>
        ProtocolTimestamp.TryParse(session.State.LastTimeSync, out var last) && session.Clock.GetUtcNow() - last <= MaxTimeSyncAge ? "Ready" : "Not Ready";
}
