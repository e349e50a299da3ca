using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.DeviceAgent.Commands;
using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.Operations;
using Kavach.DeviceAgent.Session;
using Kavach.DeviceAgent.State;
using Kavach.DeviceAgent.Tests.Support;
using Kavach.DeviceAgent.Transport;
using Kavach.Devices.Authority;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Jose;
using Kavach.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.DeviceAgent.Tests.Privacy;

/// <summary>
/// Nothing biometric, by construction (seed 003 client requirements 5 and 6): the agent has no capture path and no
/// listener, and a biometric record the device's SBI produced on the same host reaches no log, no message to the
/// server (read after decryption, as the server reads it) and no file of the agent's state.
/// </summary>
[Collection(SharedAgentServerCollection.Name)]
public sealed class NoBiometricsTests(SharedAgentServer shared)
{
    [Fact]
    public async Task Canary_biometric_record_on_the_device_reaches_no_log_no_message_and_no_state_file()
    {
        var server = shared.Server;
        using var folder = new TempDirectory("kavach-agent-canary");
        var canary = "BIOCANARY" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

        // The SBI's capture on this host: an ISO 19794-4 finger image record carrying the canary, beside the agent.
        var sbi = folder.File("sbi");
        Directory.CreateDirectory(sbi);
        await File.WriteAllBytesAsync(Path.Combine(sbi, "capture-0001.iso"), [.. "FIR\0 020\0"u8, .. Encoding.ASCII.GetBytes(canary), .. System.Security.Cryptography.RandomNumberGenerator.GetBytes(4096)]);
        Environment.SetEnvironmentVariable("SBI_LAST_CAPTURE", canary);

        var ftmCa = folder.File("ftm-ca");
        var deviceDir = folder.File("finger");
        await server.WhitelistAsync(ftmCa, [await TestDevices.ProvisionAsync(deviceDir, TestDevices.Finger("SNCANARY0001"), ftmCa)]);
        var relay = new Relay();
        var device = new DeviceDirectory(deviceDir);
        using (var session = DeviceSession.Open(device, KeyStores.Open(DeviceStateFile.Load(device).KeyStore, device), new ServerLink(new(server.Url, server.RootPem, []), inner => new RelayHandler(inner, relay)), TimeProvider.System))
        {
            await Enrolment.EnrolAsync(session, CancellationToken.None);
            await TimeSync.SyncAsync(session, CancellationToken.None);
            var info = await server.CommandAsync("SNCANARY0001", "getDeviceInfo");
            var logs = await server.CommandAsync("SNCANARY0001", "getLogs", new JsonObject { ["sinceSeq"] = 0 });
            await Checkin.CheckInAsync(session, new CommandDispatcher(), CancellationToken.None);
            Assert.DoesNotContain(canary, await server.CommandResultAsync("SNCANARY0001", info), StringComparison.Ordinal);
            Assert.DoesNotContain(canary, await server.CommandResultAsync("SNCANARY0001", logs), StringComparison.Ordinal);
        }

        Environment.SetEnvironmentVariable("SBI_LAST_CAPTURE", null);

        // Every message, opened as the server opens it: the JWE with the server's key, then the JWS payload.
        var keys = server.Host.Services.GetRequiredService<IDeviceServerKeys>();
        Assert.Contains(relay.Sent, body => body.Count(c => c == '.') == 4);
        foreach (var jwe in relay.Sent.Where(body => body.Count(c => c == '.') == 4))
        {
            var opened = await StrictJwe.DecryptAsync(jwe, keys.UnwrapContentKeyAsync, CancellationToken.None);
            Assert.True(opened.IsSuccess, opened.Detail);
            var jws = Encoding.ASCII.GetString(opened.Value!.Plaintext).Split('.');
            var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(jws[1]));
            Assert.Contains("SNCANARY0001", payload, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, payload, StringComparison.Ordinal);
        }

        foreach (var file in Directory.EnumerateFiles(deviceDir, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(canary, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        }

        Assert.True(File.Exists(device.LogFile));
    }

    [Fact]
    public void The_agent_has_no_capture_command_and_no_listener()
    {
        var names = Enum.GetNames<DeviceCommandKind>();
        Assert.DoesNotContain(names, name => name.Contains("capture", StringComparison.OrdinalIgnoreCase) || name.Contains("stream", StringComparison.OrdinalIgnoreCase) || name.Contains("sbi", StringComparison.OrdinalIgnoreCase));

        // No server side at all: no ASP.NET Core, no HttpListener, no socket that listens.
        var agent = typeof(AgentException).Assembly;
        Assert.DoesNotContain(agent.GetReferencedAssemblies(), reference => reference.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || reference.Name == "System.Net.HttpListener");
        var listeningMembers = agent.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(method => method.GetMethodBody() is not null)
            .Where(method => ReferencesListener(method))
            .Select(method => $"{method.DeclaringType}.{method.Name}")
            .ToList();
        Assert.Empty(listeningMembers);
    }

    // A method that constructs a TcpListener or calls Socket.Listen/Bind shows it in its metadata tokens; the agent's IL is
    // scanned for those member references.
    private static bool ReferencesListener(MethodInfo method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is not (0x28 or 0x6F or 0x73))
            {
                continue;
            }

            try
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, i + 1));
                if (member?.DeclaringType == typeof(System.Net.Sockets.TcpListener) ||
                    (member?.DeclaringType == typeof(System.Net.Sockets.Socket) && member.Name is "Listen" or "Bind") ||
                    member?.DeclaringType?.FullName == "System.Net.HttpListener")
                {
                    return true;
                }
            }
            catch (ArgumentException)
            {
                // Not a member token at this offset.
            }
        }

        return false;
    }
}
