using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kavach.DeviceAgent.Commands;
using Kavach.DeviceAgent.Operations;
using Kavach.DeviceAgent.Tests.Support;
using Kavach.DeviceAgent.Updates;
using Kavach.Testing;

namespace Kavach.DeviceAgent.Tests.Operations;

/// <summary>Updates end to end: a signed release installed to the inactive slot and committed; a bad image rolled back.</summary>
public sealed class AgentUpdateTests
{
    [Fact]
    public async Task Signed_release_is_installed_and_committed_and_a_release_that_fails_to_start_is_rolled_back()
    {
        using var publisher = new UpdatePublisher();
        await using var server = await AgentTestServer.StartAsync([publisher.ServerArgument]);
        using var folder = new TempDirectory("kavach-agent-update");
        var ftmCa = folder.File("ftm-ca");
        var deviceDir = folder.File("finger");
        var entry = await TestDevices.ProvisionAsync(deviceDir, TestDevices.Finger("SNUPDATE0001"), ftmCa, updateRootKeys: [publisher.RootKey]);
        await server.WhitelistAsync(ftmCa, [entry]);
        using var session = TestDevices.Open(deviceDir, server);
        await Enrolment.EnrolAsync(session, CancellationToken.None);
        var dispatcher = new CommandDispatcher(new UpdateInstaller());

        await publisher.PublishTrustAsync(server);
        var good = await publisher.ReleaseAsync(server, 1, "1.1.0", UpdatePublisher.Image(startable: true));
        var first = await Checkin.CheckInAsync(session, dispatcher, CancellationToken.None);
        Assert.Equal(("updateAvailable", "SUCCEEDED"), (Assert.Single(first.Commands).Kind, first.Commands[0].Status));
        Assert.Equal((1L, "1.1.0", "b"), (session.State.InstalledReleaseCounter, session.State.RunningFirmware, session.State.ActiveSlot));
        Assert.Equal("Completed", (await server.Admin.GetFromJsonAsync<JsonObject>($"/admin/rollouts/{good}"))!["rollout"]!["state"]!.GetValue<string>());

        var bad = await publisher.ReleaseAsync(server, 2, "1.2.0", UpdatePublisher.Image(startable: false));
        var second = await Checkin.CheckInAsync(session, dispatcher, CancellationToken.None);
        Assert.Equal(("updateAvailable", "FAILED"), (Assert.Single(second.Commands).Kind, second.Commands[0].Status));
        Assert.Equal((1L, "1.1.0", "b"), (session.State.InstalledReleaseCounter, session.State.RunningFirmware, session.State.ActiveSlot));
        Assert.False(Directory.Exists(session.Directory.Slot("a")));
        Assert.Contains(session.Log.Read(0, 1000), e => e.Event == "update-reverted");
        Assert.Equal("Aborted", (await server.Admin.GetFromJsonAsync<JsonObject>($"/admin/rollouts/{bad}"))!["rollout"]!["state"]!.GetValue<string>());
    }
}
