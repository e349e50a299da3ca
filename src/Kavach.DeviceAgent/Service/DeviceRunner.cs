using Kavach.DeviceAgent.Commands;
using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.Operations;
using Kavach.DeviceAgent.Session;
using Kavach.DeviceAgent.State;

namespace Kavach.DeviceAgent.Service;

/// <summary>
/// One device's loop: enrol if it is not yet, then time sync and check-in every policy interval with ±10 % jitter
/// (spec §4.6), and exponential back-off with jitter while the server is unreachable or refuses. A reboot resumes from
/// the saved state without enrolling again. An impostor server is logged and backed off from, never obeyed.
/// </summary>
internal sealed class DeviceRunner
{
    private readonly DeviceDirectory _directory;
    private readonly ServerBinding? _given;
    private readonly TimeProvider _time;
    private readonly AgentRunOptions _options;
    private readonly CommandDispatcher _dispatcher;
    private readonly TextWriter _output;
    private readonly Func<KeyStoreSettings, DeviceDirectory, IDeviceKeyStore>? _keys;

    public DeviceRunner(DeviceDirectory directory, ServerBinding? given, TimeProvider time, AgentRunOptions options, CommandDispatcher dispatcher, TextWriter output, Func<KeyStoreSettings, DeviceDirectory, IDeviceKeyStore>? keys)
    {
        _directory = directory;
        _given = given;
        _time = time;
        _options = options;
        _dispatcher = dispatcher;
        _output = output;
        _keys = keys;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        DeviceSession session;
        try
        {
            var state = DeviceStateFile.Load(_directory);
            session = DeviceSessions.Open(_directory, _given, _time, _keys?.Invoke(state.KeyStore, _directory));
        }
        catch (AgentException failure)
        {
            await _output.WriteLineAsync($"kavach-agent: {_directory.Path}: {failure.Code} {failure.Message}");
            return;
        }

        using (session)
        {
            var failures = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                TimeSpan wait;
                try
                {
                    if (!await StepAsync(session, cancellationToken))
                    {
                        return;
                    }

                    failures = 0;
                    wait = Jitter(_options.Interval ?? TimeSpan.FromSeconds(session.State.Policy.CheckinSeconds));
                }
                catch (AgentException failure) when (failure.Code is AgentErrors.Unreachable or AgentErrors.ServerRefused or AgentErrors.ImpostorServer or AgentErrors.Time or AgentErrors.AwaitingApproval)
                {
                    failures++;
                    wait = Backoff(failures);
                    await _output.WriteLineAsync($"kavach-agent: {session.SerialNo}: {failure.Code} {failure.Message}; again in {wait.TotalSeconds:F0} s");
                }
                catch (AgentException failure)
                {
                    await _output.WriteLineAsync($"kavach-agent: {session.SerialNo}: {failure.Code} {failure.Message}; stopped");
                    return;
                }
                catch (Keys.Tpm.TpmUnavailableException failure)
                {
                    await _output.WriteLineAsync($"kavach-agent: {session.SerialNo}: {AgentErrors.KeyStore} {failure.Message}; stopped");
                    return;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception fault) when (fault is not OperationCanceledException)
                {
                    // A fault of one round (the key store busy, an I/O error) must not end the device's service: the
                    // round is retried after the back-off, from the state saved so far.
                    failures++;
                    wait = Backoff(failures);
                    session.Log.Warn("round-failed", fault.GetType().Name);
                    await _output.WriteLineAsync($"kavach-agent: {session.SerialNo}: {fault.GetType().Name}: {fault.Message}; again in {wait.TotalSeconds:F0} s");
                }

                try
                {
                    await Task.Delay(wait, _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // One round; false when the device has nothing more to do (de-registered and acknowledged).
    private async Task<bool> StepAsync(DeviceSession session, CancellationToken cancellationToken)
    {
        switch (session.State.Phase)
        {
            case DevicePhase.Deregistered:
                await Deregistration.AcknowledgeAsync(session, cancellationToken);
                await _output.WriteLineAsync($"kavach-agent: {session.SerialNo}: de-registered");
                return false;
            case DevicePhase.Active:
                break;
            default:
                await Enrolment.EnrolAsync(session, cancellationToken);
                await _output.WriteLineAsync($"kavach-agent: {session.SerialNo}: enrolled");
                break;
        }

        // Time is synchronised before every check-in (spec §4.7).
        try
        {
            await TimeSync.SyncAsync(session, cancellationToken);
        }
        catch (AgentException refused) when (refused.Code == AgentErrors.ServerRefused && session.Clock.HasTrustedTime)
        {
            // The clock keeps running on its last trusted time; the check-in still goes (a de-registering device, for
            // one, is admitted on check-in but no longer on time).
        }

        await KeyRotation.DestroyRetiredAsync(session, cancellationToken);
        await _dispatcher.ResumeAsync(session, cancellationToken);
        var outcome = await Checkin.CheckInAsync(session, _dispatcher, cancellationToken);
        foreach (var command in outcome.Commands)
        {
            await _output.WriteLineAsync($"kavach-agent: {session.SerialNo}: command {command.CmdId} {command.Kind} {command.Status}");
        }

        if (session.State.Phase == DevicePhase.Deregistered && session.State.DeregistrationAcknowledged)
        {
            await _output.WriteLineAsync($"kavach-agent: {session.SerialNo}: de-registered");
            return false;
        }

        return true;
    }

    // ±10 %, so a fleet that rebooted together does not call together.
    private static TimeSpan Jitter(TimeSpan interval) => interval * (0.9 + (System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 20_001) / 100_000.0));

    private TimeSpan Backoff(int failures)
    {
        var doubled = _options.FirstBackoff * Math.Pow(2, Math.Min(failures - 1, 16));
        return Jitter(doubled < _options.MaxBackoff ? doubled : _options.MaxBackoff);
    }
}
