using Kavach.DeviceAgent.Operations;
using Kavach.DeviceAgent.State;
using Kavach.DeviceAgent.Tests.Support;
using Kavach.Testing;

namespace Kavach.DeviceAgent.Tests.Operations;

/// <summary>
/// An L0 device without a TPM (spec §4.5 exception): its pre-registered key in a 0600 file signs its own enrolment,
/// which waits for two administrators before the certificate is issued; then it confirms and checks in like any device.
/// </summary>
[Collection(SharedAgentServerCollection.Name)]
public sealed class L0EnrolmentTests(SharedAgentServer shared)
{
    [Fact]
    public async Task L0_device_with_a_file_key_waits_for_four_eyes_approval_then_enrols()
    {
        var server = shared.Server;
        using var folder = new TempDirectory("kavach-agent-l0");
        var deviceDir = folder.File("l0");
        var entry = await TestDevices.ProvisionAsync(deviceDir, TestDevices.Finger("SNL0DEVICE01", certification: "L0"), folder.File("unused-ftm"));
        Assert.Null(entry.FtmCertSha256);
        Assert.Matches("^[0-9a-f]{64}$", entry.L0KeySha256);
        var keyFile = Assert.Single(Directory.GetFiles(Path.Combine(deviceDir, "keys")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        await server.WhitelistAsync(null, [entry]);

        using var session = TestDevices.Open(deviceDir, server);
        var waiting = await Assert.ThrowsAsync<AgentException>(() => Enrolment.EnrolAsync(session, CancellationToken.None));
        Assert.Equal(AgentErrors.AwaitingApproval, waiting.Code);
        Assert.Equal(DevicePhase.PendingApproval, session.State.Phase);
        Assert.Equal("PendingApproval", (await server.DeviceAsync("SNL0DEVICE01"))["state"]!.GetValue<string>());

        var approval = await AgentTestServer.PostOkAsync(server.Admin, "/admin/devices/SNL0DEVICE01/l0-approval", null);
        await AgentTestServer.PostOkAsync(server.Approver, $"/admin/approvals/{approval["id"]!.GetValue<string>()}/approve", new System.Text.Json.Nodes.JsonObject());

        await Enrolment.EnrolAsync(session, CancellationToken.None);
        Assert.Equal(DevicePhase.Active, session.State.Phase);
        await Checkin.CheckInAsync(session, new Kavach.DeviceAgent.Commands.CommandDispatcher(), CancellationToken.None);
        Assert.Equal("Active", (await server.DeviceAsync("SNL0DEVICE01"))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task L0_device_with_a_one_time_secret_sends_it_once_then_enrols_by_its_key_after_approval()
    {
        var server = shared.Server;
        using var folder = new TempDirectory("kavach-agent-l0s");
        var deviceDir = folder.File("l0s");
        var entry = await TestDevices.ProvisionAsync(deviceDir, TestDevices.Finger("SNL0SECRET01", certification: "L0"), folder.File("unused-ftm"), l0Secret: true);
        Assert.Null(entry.L0KeySha256);
        Assert.Matches("^[0-9a-f]{64}$", entry.L0SecretSha256);
        var secret = DeviceStateFile.Load(new DeviceDirectory(deviceDir)).L0EnrolmentSecret;
        Assert.Equal(Kavach.Devices.Enrolment.L0Secret.Sha256Of(secret!), entry.L0SecretSha256);
        await server.WhitelistAsync(null, [entry]);

        using var session = TestDevices.Open(deviceDir, server);
        var waiting = await Assert.ThrowsAsync<AgentException>(() => Enrolment.EnrolAsync(session, CancellationToken.None));
        Assert.Equal(AgentErrors.AwaitingApproval, waiting.Code);
        Assert.Null(session.State.L0EnrolmentSecret);

        var approval = await AgentTestServer.PostOkAsync(server.Admin, "/admin/devices/SNL0SECRET01/l0-approval", null);
        await AgentTestServer.PostOkAsync(server.Approver, $"/admin/approvals/{approval["id"]!.GetValue<string>()}/approve", new System.Text.Json.Nodes.JsonObject());

        await Enrolment.EnrolAsync(session, CancellationToken.None);
        Assert.Equal(DevicePhase.Active, session.State.Phase);
    }
}
