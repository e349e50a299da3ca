using Kavach.DeviceAgent.Commands;
using Kavach.DeviceAgent.Service;
using Kavach.DeviceAgent.State;
using Kavach.DeviceAgent.Tests.Support;
using Kavach.Testing;

namespace Kavach.DeviceAgent.Tests.Service;

/// <summary>
/// Several devices under one host (spec §4.13.5): one service serves each attached device with its own identity and
/// keys; a device that appears is enrolled and served, one that vanishes is dropped.
/// </summary>
[Collection(SharedAgentServerCollection.Name)]
public sealed class AgentServiceTests(SharedAgentServer shared)
{
    [Fact]
    public async Task One_agent_serves_finger_and_iris_and_picks_up_a_device_plugged_in_later()
    {
        var server = shared.Server;
        using var host = new TempDirectory("kavach-agent-host");
        var ftmCa = host.File("ftm-ca");
        var devices = Path.Combine(host.Path, "devices");
        var finger = await TestDevices.ProvisionAsync(Path.Combine(devices, "finger"), TestDevices.Finger("SNHOSTFINGER"), ftmCa);
        var iris = await TestDevices.ProvisionAsync(Path.Combine(devices, "iris"), TestDevices.Iris("SNHOSTIRIS01"), ftmCa);
        await server.WhitelistAsync(ftmCa, [finger, iris]);

        using var output = new StringWriter();
        var service = new AgentService(devices, new ServerBinding(server.Url, server.RootPem, []), TimeProvider.System,
            new AgentRunOptions { RescanInterval = TimeSpan.FromMilliseconds(200), Interval = TimeSpan.FromSeconds(1) }, new CommandDispatcher(), TextWriter.Synchronized(output));
        using var stop = new CancellationTokenSource();
        var running = service.RunAsync(stop.Token);

        await Eventually.WaitAsync(async () => ((await server.DeviceAsync("SNHOSTFINGER"))["state"]!.GetValue<string>(), (await server.DeviceAsync("SNHOSTIRIS01"))["state"]!.GetValue<string>()), states => states == ("Active", "Active"), "both devices enrolled", context: output.ToString);

        // Plugged in while the agent runs: a second finger device.
        var later = await TestDevices.ProvisionAsync(Path.Combine(host.Path, "staging-later"), TestDevices.Finger("SNHOSTLATER1"), ftmCa);
        await server.WhitelistAsync(ftmCa, [later]);
        Directory.Move(Path.Combine(host.Path, "staging-later"), Path.Combine(devices, "later"));
        await Eventually.WaitAsync(async () => (await server.DeviceAsync("SNHOSTLATER1"))["state"]!.GetValue<string>(), state => state == "Active", "the device plugged in later enrolled", context: output.ToString);

        // Unplugged: its loop stops; the others go on.
        Directory.Move(Path.Combine(devices, "iris"), Path.Combine(host.Path, "unplugged-iris"));
        await Eventually.WaitAsync(() => Task.FromResult(service.Devices.Count), count => count == 2, "the unplugged device dropped", context: output.ToString);
        var seq = (await server.DeviceAsync("SNHOSTFINGER"))["lastSeq"]!.GetValue<long>();
        await Eventually.WaitAsync(async () => (await server.DeviceAsync("SNHOSTFINGER"))["lastSeq"]!.GetValue<long>(), last => last > seq, "the finger device still checking in", context: output.ToString);

        await stop.CancelAsync();
        await running;

        // Each device has its own identity and keys.
        var fingerState = DeviceStateFile.Load(new DeviceDirectory(Path.Combine(devices, "finger")));
        var irisState = DeviceStateFile.Load(new DeviceDirectory(Path.Combine(host.Path, "unplugged-iris")));
        Assert.NotEqual(fingerState.CertificatePem, irisState.CertificatePem);
        Assert.NotEqual(fingerState.MgmtId, irisState.MgmtId);
        Assert.Contains("detached", output.ToString(), StringComparison.Ordinal);
    }
}
