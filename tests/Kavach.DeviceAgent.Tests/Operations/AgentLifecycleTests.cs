using System.Text.Json.Nodes;
using Kavach.DeviceAgent.Commands;
using Kavach.DeviceAgent.Operations;
using Kavach.DeviceAgent.State;
using Kavach.DeviceAgent.Tests.Support;
using Kavach.Testing;

namespace Kavach.DeviceAgent.Tests.Operations;

/// <summary>The agent library against a real server: enrolment, confirm, check-in, commands, time, rotation, de-registration.</summary>
[Collection(SharedAgentServerCollection.Name)]
public sealed class AgentLifecycleTests(SharedAgentServer shared)
{
    [Fact]
    public async Task L1_device_enrols_checks_in_runs_commands_rotates_and_deregisters()
    {
        var server = shared.Server;
        using var folder = new TempDirectory("kavach-agent");
        var ftmCa = folder.File("ftm-ca");
        var deviceDir = folder.File("finger");
        var entry = await TestDevices.ProvisionAsync(deviceDir, TestDevices.Finger("SNAGENT00001"), ftmCa);
        await server.WhitelistAsync(ftmCa, [entry]);

        using (var session = TestDevices.Open(deviceDir, server))
        {
            await Enrolment.EnrolAsync(session, CancellationToken.None);
            Assert.Equal(DevicePhase.Active, session.State.Phase);
        }

        Assert.Equal("Active", (await server.DeviceAsync("SNAGENT00001"))["state"]!.GetValue<string>());

        // A reboot: a new session from the saved state checks in without enrolling again.
        using (var session = TestDevices.Open(deviceDir, server))
        {
            var info = await server.CommandAsync("SNAGENT00001", "getDeviceInfo");
            var outcome = await Checkin.CheckInAsync(session, new CommandDispatcher(), CancellationToken.None);
            var command = Assert.Single(outcome.Commands);
            Assert.Equal((info, "SUCCEEDED"), (command.CmdId, command.Status));
            var time = await TimeSync.SyncAsync(session, CancellationToken.None);
            Assert.InRange(time, DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));

            var oldSerial = session.State.CertificatePem;
            await AgentTestServer.PostOkAsync(server.Admin, "/admin/devices/SNAGENT00001/rotate", null);
            var rotation = await Checkin.CheckInAsync(session, new CommandDispatcher(), CancellationToken.None);
            Assert.Contains(rotation.Commands, c => c.Kind == "rotateKey" && c.Status == "SUCCEEDED");
            Assert.NotEqual(oldSerial, session.State.CertificatePem);
            Assert.Equal(2, session.State.KeyGeneration);
            Assert.Null(await session.Keys.OpenAsync(DeviceAgent.Keys.DeviceKeyLabels.Device("SNAGENT00001", 1), CancellationToken.None));

            // The rest of the administrators' catalogue, in one check-in.
            var policy = await server.CommandAsync("SNAGENT00001", "setPolicy", new JsonObject { ["checkinSeconds"] = 120, ["rotateAfterDays"] = 15, ["certDays"] = 30 });
            var logs = await server.CommandAsync("SNAGENT00001", "getLogs", new JsonObject { ["sinceSeq"] = 0 });
            var sync = await server.CommandAsync("SNAGENT00001", "syncTime");
            var batch = await Checkin.CheckInAsync(session, new CommandDispatcher(), CancellationToken.None);
            Assert.Equal(new[] { policy, logs, sync }.Order(), batch.Commands.Select(c => c.CmdId).Order());
            Assert.All(batch.Commands, c => Assert.Equal("SUCCEEDED", c.Status));
            Assert.Equal(120, session.State.Policy.CheckinSeconds);
            var logResult = await server.CommandResultAsync("SNAGENT00001", logs);
            Assert.Contains("rotated", logResult, StringComparison.Ordinal);
            Assert.DoesNotContain("BEGIN", logResult, StringComparison.Ordinal);

            var after = await Checkin.CheckInAsync(session, new CommandDispatcher(), CancellationToken.None);
            Assert.Empty(after.Commands);

            // De-registration: requested by one administrator, approved by another; the device zeroises its key and the
            // FTM chip signs the proof; the server revokes the certificate.
            var request = await AgentTestServer.PostOkAsync(server.Admin, "/admin/devices/SNAGENT00001/deregister", new JsonObject { ["reason"] = "decommissioned" });
            await AgentTestServer.PostOkAsync(server.Approver, $"/admin/approvals/{request["approvalId"]!.GetValue<string>()}/approve", new JsonObject());
            var last = await Checkin.CheckInAsync(session, new CommandDispatcher(), CancellationToken.None);
            Assert.Equal("deregister", Assert.Single(last.Commands).Kind);
            Assert.Equal(DevicePhase.Deregistered, session.State.Phase);
            Assert.True(session.State.DeregistrationAcknowledged);
            Assert.Null(await session.Keys.OpenAsync(DeviceAgent.Keys.DeviceKeyLabels.Device("SNAGENT00001", 2), CancellationToken.None));
            var refused = await Assert.ThrowsAsync<AgentException>(() => Checkin.CheckInAsync(session, new CommandDispatcher(), CancellationToken.None));
            Assert.Equal(AgentErrors.WrongPhase, refused.Code);
        }

        Assert.Equal("Deregistered", (await server.DeviceAsync("SNAGENT00001"))["state"]!.GetValue<string>());
    }
}
