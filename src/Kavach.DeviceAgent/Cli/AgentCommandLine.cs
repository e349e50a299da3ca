using System.CommandLine;
using System.Text.Json;
using Kavach.DeviceAgent.Commands;
using Kavach.DeviceAgent.Identity;
using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.Operations;
using Kavach.DeviceAgent.Provisioning;
using Kavach.DeviceAgent.Service;
using Kavach.DeviceAgent.Session;
using Kavach.DeviceAgent.State;

namespace Kavach.DeviceAgent.Cli;

/// <summary>
/// The <c>kavach-agent</c> command line: <c>sim-device</c>, <c>enroll</c>, <c>checkin</c>, <c>time</c>, <c>status</c>
/// and <c>run</c>. Exit codes: 0 done, 1 the operation failed (one line with its <c>AGT-</c> code), 2 bad usage.
/// </summary>
internal static class AgentCommandLine
{
    public static int Run(string[] args) => RunAsync(args, Console.Out, Console.Error, CancellationToken.None).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = new RootCommand("kavach-agent: the device management client (enrolment, check-in, trusted time, commands, updates).");
        root.Subcommands.Add(SimDevice(output));
        root.Subcommands.Add(OneShot("enroll", "Enrol the device with its server (challenge, FTM-signed CSR, confirm)", output, async (session, token) =>
        {
            await Enrolment.EnrolAsync(session, token);
            await output.WriteLineAsync($"enrolled {session.SerialNo}: certificate {CertificateFacts.SerialOf(session.State.CertificatePem!)}");
        }));
        root.Subcommands.Add(OneShot("checkin", "Check in once and run the commands the server sent", output, async (session, token) =>
        {
            var outcome = await Checkin.CheckInAsync(session, Dispatcher(), token);
            await output.WriteLineAsync($"checked in {session.SerialNo}: {outcome.Commands.Count} command(s), next in {outcome.PollAfterSeconds} s");
            foreach (var command in outcome.Commands)
            {
                await output.WriteLineAsync($"  {command.CmdId} {command.Kind} {command.Status}");
            }
        }));
        root.Subcommands.Add(OneShot("time", "Synchronise the device clock with the server's signed time", output, async (session, token) =>
        {
            var now = await TimeSync.SyncAsync(session, token);
            await output.WriteLineAsync($"trusted time {Kavach.Devices.Protocol.Messages.ProtocolTimestamp.ToText(now)} (±{session.Clock.Uncertainty.TotalMilliseconds:F0} ms)");
        }));
        root.Subcommands.Add(Status(output));
        root.Subcommands.Add(RunService(output));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"kavach-agent: {problem.Message}");
            }

            return 2;
        }

        try
        {
            // Our own handler below prints one coded line; the default one would print a stack trace.
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (AgentException failure)
        {
            await error.WriteLineAsync($"kavach-agent: {failure.Code} {failure.Message}");
            return failure.Code == AgentErrors.BadInput ? 2 : 1;
        }
        catch (Keys.Tpm.TpmUnavailableException failure)
        {
            await error.WriteLineAsync($"kavach-agent: {AgentErrors.KeyStore} {failure.Message}");
            return 1;
        }
        catch (Net.Pkcs11Interop.Common.Pkcs11Exception failure)
        {
            await error.WriteLineAsync($"kavach-agent: {AgentErrors.KeyStore} the TPM token refused {failure.Method} ({failure.RV})");
            return 1;
        }
        catch (Exception fault) when (fault is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            // Expected kinds of fault on a device (disk, permissions, the key store): one line, never a stack trace.
            await error.WriteLineAsync($"kavach-agent: {fault.GetType().Name}: {fault.Message}");
            return 1;
        }
    }

    private static Command SimDevice(TextWriter output)
    {
        var stateDir = AgentOptions.StateDir();
        var serial = new Option<string>("--serial") { Description = "Serial number", Required = true };
        var make = new Option<string>("--make") { Description = "Make", Required = true };
        var model = new Option<string>("--model") { Description = "Model", Required = true };
        var type = new Option<string>("--type") { Description = "Finger, Iris or Face", DefaultValueFactory = _ => "Finger" };
        var subType = new Option<string>("--sub-type") { Description = "Sub-type (Slap, Single, Touchless, Double, Full face)", DefaultValueFactory = _ => "Slap" };
        var provider = new Option<string>("--provider") { Description = "Device provider's exact PMS organisation name", DefaultValueFactory = _ => "MOSIP" };
        var providerId = new Option<string>("--provider-id") { Description = "Device provider's PMS partner id", DefaultValueFactory = _ => "MOSIP.PROXY.SBI" };
        var certification = new Option<string>("--certification") { Description = "L1 (FTM chip) or L0", DefaultValueFactory = _ => "L1" };
        certification.AcceptOnlyFromAmong("L1", "L0");
        var purpose = new Option<string>("--purpose") { Description = "Auth or Registration", DefaultValueFactory = _ => "Auth" };
        var env = new Option<string>("--env") { Description = "MOSIP environment", DefaultValueFactory = _ => "Staging" };
        var firmware = new Option<string>("--firmware") { Description = "Factory firmware version", DefaultValueFactory = _ => "1.0.0" };
        var releaseRoot = new Option<string[]>("--release-root") { Description = "PEM of a Release Root public key the device trusts for updates (repeat for several)" };
        var l0Secret = new Option<bool>("--l0-secret") { Description = "L0: whitelist a one-time enrolment secret (kept in the device's 0600 state file) instead of the device key's hash" };
        var ftmCaDir = new Option<string?>("--ftm-ca-dir") { Description = "Directory of the test FTM CA (made on first use); upload its ftm-ca.pem to the server's FTM domain" };
        var keyStore = KeyStoreOptions.Kind();
        var (module, token, pinFile) = (KeyStoreOptions.Module(), KeyStoreOptions.Token(), KeyStoreOptions.PinFile());
        var command = new Command("sim-device", "Make a simulated device (identity, FTM chip from a test FTM CA, keys) and print its whitelist entry as JSON")
        {
            stateDir, serial, make, model, type, subType, provider, providerId, certification, purpose, env, firmware, l0Secret, ftmCaDir, releaseRoot, keyStore, module, token, pinFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var identity = new DeviceIdentity(
                parse.GetValue(serial)!, parse.GetValue(make)!, parse.GetValue(model)!, parse.GetValue(type)!, parse.GetValue(subType)!,
                parse.GetValue(provider)!, parse.GetValue(providerId)!, parse.GetValue(certification)!, parse.GetValue(purpose)!, parse.GetValue(env)!,
                parse.GetValue(firmware)!, "1.0.0", ["0.9.5"]);
            var settings = KeyStoreOptions.Settings(parse.GetValue(keyStore)!, parse.GetValue(module), parse.GetValue(token), parse.GetValue(pinFile));
            var directory = new DeviceDirectory(parse.GetValue(stateDir)!);
            directory.Ensure();
            var roots = (parse.GetValue(releaseRoot) ?? []).Select(ReleaseRootKey).ToList();
            var entry = await SimulatedDevice.CreateAsync(directory, identity, settings, KeyStores.Open(settings, directory), parse.GetValue(ftmCaDir), TimeProvider.System, cancellationToken, roots, parse.GetValue(l0Secret));
            await output.WriteLineAsync(JsonSerializer.Serialize(entry, AgentJsonContext.Default.WhitelistEntry));
            return 0;
        });
        return command;
    }

    private static string ReleaseRootKey(string file) =>
        File.Exists(file) && Kavach.Devices.Updates.Signing.OfflineReleaseSigning.PublicKeyOf(File.ReadAllText(file)) is { } key
            ? key
            : throw new AgentException(AgentErrors.BadInput, $"--release-root {file}: not a PEM RSA public key");

    // The program's commands run the whole catalogue, updates included (simulated A/B slots until a device's bootloader
    // is plugged in through IFirmwareSlots).
    private static CommandDispatcher Dispatcher() => new(new Updates.UpdateInstaller());

    private static Command OneShot(string name, string description, TextWriter output, Func<DeviceSession, CancellationToken, Task> action)
    {
        var stateDir = AgentOptions.StateDir();
        var (server, serverCa, pins) = (AgentOptions.Server(), AgentOptions.ServerCa(), AgentOptions.Pins());
        var command = new Command(name, description) { stateDir, server, serverCa, pins };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var given = BindingResolver.FromOptions(parse.GetValue(server), parse.GetValue(serverCa), parse.GetValue(pins));
            using var session = DeviceSessions.Open(new DeviceDirectory(parse.GetValue(stateDir)!), given, TimeProvider.System);
            await action(session, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Status(TextWriter output)
    {
        var stateDir = AgentOptions.StateDir();
        var json = AgentOptions.Json();
        var command = new Command("status", "Show the device: state, certificate serial and expiry, last trusted server time") { stateDir, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = new DeviceDirectory(parse.GetValue(stateDir)!);
            var status = AgentStatus.Of(DeviceStateFile.Load(directory), DeviceStateFile.LoadServer(directory));
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(status, AgentJsonContext.Default.AgentStatus));
                return 0;
            }

            await output.WriteLineAsync($"device       {status.SerialNo} ({status.Make} {status.Model}, {status.Certification})");
            await output.WriteLineAsync($"state        {status.State}");
            await output.WriteLineAsync($"server       {status.Server ?? "-"}");
            await output.WriteLineAsync($"certificate  {status.CertSerial ?? "-"} until {status.CertNotAfter ?? "-"}");
            await output.WriteLineAsync($"keys         {status.KeyStore}, generation {status.KeyGeneration}");
            await output.WriteLineAsync($"trusted time {status.LastTrustedServerTime ?? "-"} (last sync {status.LastTimeSync ?? "-"})");
            await output.WriteLineAsync($"firmware     {status.FirmwareVersion} (release {status.ReleaseCounter})");
            return 0;
        });
        return command;
    }

    private static Command RunService(TextWriter output)
    {
        var stateDir = AgentOptions.StateDir();
        var (server, serverCa, pins) = (AgentOptions.Server(), AgentOptions.ServerCa(), AgentOptions.Pins());
        var interval = new Option<int?>("--interval") { Description = "Seconds between check-ins, overriding the server's policy (maintenance and tests)" };
        var command = new Command("run", "Serve the device (or every device under the directory) until stopped: enrol, sync time, check in, run commands") { stateDir, server, serverCa, pins, interval };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var given = BindingResolver.FromOptions(parse.GetValue(server), parse.GetValue(serverCa), parse.GetValue(pins));
            var seconds = parse.GetValue(interval);
            if (seconds is < 1)
            {
                throw new AgentException(AgentErrors.BadInput, "--interval must be at least 1 second");
            }

            var options = new AgentRunOptions { Interval = seconds is { } value ? TimeSpan.FromSeconds(value) : null };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            await new AgentService(parse.GetValue(stateDir)!, given, TimeProvider.System, options, Dispatcher(), output).RunAsync(stop.Token);
            return 0;
        });
        return command;
    }
}
