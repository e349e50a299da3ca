using System.Text.Json.Nodes;
using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.Tests.Support;
using Kavach.Testing;

namespace Kavach.DeviceAgent.Tests.Cli;

/// <summary>
/// The <c>kavach-agent</c> program against a real server, as processes: a simulated L1 device whose FTM chip key and
/// device keys live in the TPM (tpm2-pkcs11 over swtpm), enrolled, checked in, timed, shown; then the long-running
/// service takes the commands, a forced rotation and the de-registration.
/// </summary>
[Collection(SharedAgentServerCollection.Name)]
public sealed class AgentProgramTests(SharedAgentServer shared)
{
    [Fact]
    public async Task Device_with_TPM_keys_enrols_checks_in_and_runs_as_a_service_through_rotation_and_deregistration()
    {
        var tpm = await SwTpm.TokenAsync();
        var server = shared.Server;
        using var folder = new TempDirectory("kavach-agent-cli");
        var serial = "SNCLI" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        var device = folder.File("finger");
        var ftmCa = folder.File("ftm-ca");

        var made = await AgentProcess.RunAsync("sim-device", "--state-dir", device, "--serial", serial, "--make", "MOSIP", "--model", "SLAP01", "--ftm-ca-dir", ftmCa,
            "--key-store", "tpm", "--tpm-module", tpm.Module, "--tpm-token", tpm.TokenLabel, "--tpm-pin-file", tpm.PinFile);
        Assert.True(made.ExitCode == 0, made.StdErr);
        var entry = System.Text.Json.JsonSerializer.Deserialize(made.StdOut, Kavach.DeviceAgent.State.AgentJsonContext.Default.WhitelistEntry)!;
        Assert.Equal((serial, "L1"), (entry.SerialNo, entry.Certification));
        await server.WhitelistAsync(ftmCa, [entry]);

        var enrolled = await AgentProcess.RunAsync("enroll", "--state-dir", device, "--server", server.Url, "--server-ca", server.RootFile);
        Assert.True(enrolled.ExitCode == 0, enrolled.StdErr);
        Assert.Equal("Active", (await server.DeviceAsync(serial))["state"]!.GetValue<string>());

        // The device key was made on the token, and the token will not let it out (CKA_EXTRACTABLE false, as an
        // independent PKCS#11 client reads it).
        var deviceKey = await TpmObjects.PrivateKeyAsync(tpm, DeviceKeyLabels.Device(serial, 1));
        Assert.NotNull(deviceKey);
        Assert.Contains("Access:     sensitive, always sensitive, never extractable, local", deviceKey, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(device, "*.key", SearchOption.AllDirectories));

        var checkedIn = await AgentProcess.RunAsync("checkin", "--state-dir", device);
        Assert.True(checkedIn.ExitCode == 0, checkedIn.StdErr);
        var timed = await AgentProcess.RunAsync("time", "--state-dir", device, "--server", server.Url, "--server-ca", server.RootFile);
        Assert.True(timed.ExitCode == 0, timed.StdErr);
        Assert.StartsWith("trusted time ", timed.StdOut, StringComparison.Ordinal);

        var status = JsonNode.Parse((await AgentProcess.RunAsync("status", "--state-dir", device, "--json")).StdOut)!;
        var shown = await server.DeviceAsync(serial);
        Assert.Equal("Active", status["state"]!.GetValue<string>());
        Assert.Equal(shown["certSerial"]?.GetValue<string>() ?? status["certSerial"]!.GetValue<string>(), status["certSerial"]!.GetValue<string>());
        Assert.NotNull(status["certNotAfter"]);
        Assert.NotNull(status["lastTrustedServerTime"]);

        // Bound to one server: a command naming another is refused, changing nothing.
        var elsewhere = await AgentProcess.RunAsync("checkin", "--state-dir", device, "--server", "https://127.0.0.1:1", "--server-ca", server.RootFile);
        Assert.Equal(2, elsewhere.ExitCode);
        Assert.Contains("does not switch servers", elsewhere.StdErr, StringComparison.Ordinal);

        // The service: commands, a forced rotation (the new key in the TPM, the old one destroyed), de-registration.
        var info = await server.CommandAsync(serial, "getDeviceInfo");
        await using var agent = AgentProcess.Start("run", "--state-dir", device, "--interval", "1");
        await Eventually.WaitAsync(() => server.CommandResultAsync(serial, info), result => result.Contains("\"hardwareKeys\":true", StringComparison.Ordinal), "getDeviceInfo result", context: () => agent.Output);
        await AgentTestServer.PostOkAsync(server.Admin, $"/admin/devices/{serial}/rotate", null);
        await Eventually.WaitAsync(() => TpmObjects.HasAsync(tpm, DeviceKeyLabels.Device(serial, 1)), present => !present, "old key destroyed after rotation", context: () => agent.Output,
            every: TimeSpan.FromSeconds(2)); // pkcs11-tool opens the token's store too: poll it gently
        Assert.True(await TpmObjects.HasAsync(tpm, DeviceKeyLabels.Device(serial, 2)));

        var request = await AgentTestServer.PostOkAsync(server.Admin, $"/admin/devices/{serial}/deregister", new JsonObject { ["reason"] = "decommissioned" });
        await AgentTestServer.PostOkAsync(server.Approver, $"/admin/approvals/{request["approvalId"]!.GetValue<string>()}/approve", new JsonObject());
        await Eventually.WaitAsync(() => server.DeviceAsync(serial), d => d["state"]!.GetValue<string>() == "Deregistered", "de-registration", context: () => agent.Output);
        Assert.False(await TpmObjects.HasAsync(tpm, DeviceKeyLabels.Device(serial, 2)));
        Assert.True(await agent.StopAsync() == 0, agent.Output);
        Assert.Contains($"{serial}: de-registered", agent.Output, StringComparison.Ordinal);
    }
}
