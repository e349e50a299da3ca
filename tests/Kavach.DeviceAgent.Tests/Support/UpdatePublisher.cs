using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Devices.Updates.Signing;

namespace Kavach.DeviceAgent.Tests.Support;

/// <summary>
/// The operator's side of an update, over the admin API: the Release Root and release keys held offline (here in the
/// test), <c>trust.json</c> with the server's timestamp key, an artifact, a signed release with its SBI record, and a
/// rollout approved by a second administrator.
/// </summary>
internal sealed class UpdatePublisher : IDisposable
{
    private readonly RSA _root = RSA.Create(3072);
    private readonly RSA _release = RSA.Create(3072);

    /// <summary>The Release Root key text the server and the devices are provisioned with.</summary>
    public string RootKey => OfflineReleaseSigning.PublicKeyOf(_root.ExportSubjectPublicKeyInfoPem())!;

    /// <summary>The server argument that provisions <see cref="RootKey"/>.</summary>
    public string ServerArgument => $"--Kavach:DeviceServer:Updates:RootKeys:0={RootKey}";

    /// <summary>Publishes trust.json version <paramref name="version"/> listing our release key and the server's timestamp key.</summary>
    public async Task PublishTrustAsync(AgentTestServer server, int version = 1)
    {
        var timestampKey = (await server.Admin.GetFromJsonAsync<JsonObject>("/admin/updates/timestamp-key"))!["key"]!.GetValue<string>();
        var trust = new JsonObject
        {
            ["version"] = version,
            ["expires"] = Time(DateTimeOffset.UtcNow.AddDays(90)),
            ["releaseKeys"] = new JsonArray(OfflineReleaseSigning.PublicKeyOf(_release.ExportSubjectPublicKeyInfoPem())),
            ["timestampKeys"] = new JsonArray(timestampKey),
            ["threshold"] = 1,
        };
        var signed = OfflineReleaseSigning.SignTrust(Encoding.UTF8.GetBytes(trust.ToJsonString()), [_root.ExportPkcs8PrivateKeyPem()], out var error) ?? throw new InvalidOperationException(error);
        await PostBytesAsync(server, "/admin/trust", signed, HttpStatusCode.OK);
    }

    /// <summary>Uploads <paramref name="image"/> as firmware.bin, publishes release <paramref name="counter"/> with its SBI record, and starts an approved rollout to every device.</summary>
    public async Task<string> ReleaseAsync(AgentTestServer server, long counter, string firmwareVersion, byte[] image)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(image));
        await PostBytesAsync(server, $"/admin/artifacts?name=firmware.bin&sha256={sha256}", image, HttpStatusCode.Created);
        var manifest = new JsonObject
        {
            ["releaseCounter"] = counter,
            ["firmwareVersion"] = firmwareVersion,
            ["hardwareIds"] = new JsonArray("MOSIP/SLAP01"),
            ["certification"] = "L1",
            ["minReleaseCounter"] = 0,
            ["artifacts"] = new JsonArray(new JsonObject { ["name"] = "firmware.bin", ["length"] = image.Length, ["sha256"] = sha256 }),
            ["expires"] = Time(DateTimeOffset.UtcNow.AddDays(30)),
        };
        var signed = OfflineReleaseSigning.SignRelease(Encoding.UTF8.GetBytes(manifest.ToJsonString()), [_release.ExportPkcs8PrivateKeyPem()], out var error) ?? throw new InvalidOperationException(error);
        await PostBytesAsync(server, "/admin/releases", signed, HttpStatusCode.Created);
        await AgentTestServer.PostOkAsync(server.Admin, $"/admin/releases/{counter}/sbi", new JsonObject
        {
            ["swBinaryHash"] = sha256[..36],
            ["swVersion"] = firmwareVersion,
            ["swCreateDateTime"] = DateTimeOffset.UtcNow.AddHours(-1),
            ["swExpiryDateTime"] = DateTimeOffset.UtcNow.AddDays(365),
        });
        var rollout = await AgentTestServer.PostOkAsync(server.Admin, "/admin/rollouts", new JsonObject
        {
            ["releaseCounter"] = counter,
            ["hardwareId"] = "MOSIP/SLAP01",
            ["groupPercents"] = new JsonArray(100),
            ["successThresholdPercent"] = 100,
            ["errorThresholdPercent"] = 100,
        });
        await AgentTestServer.PostOkAsync(server.Approver, $"/admin/approvals/{rollout["approvalId"]!.GetValue<string>()}/approve", new JsonObject());
        return rollout["rolloutId"]!.GetValue<string>();
    }

    /// <summary>A simulated firmware image that starts (<paramref name="startable"/>) or fails its trial start.</summary>
    public static byte[] Image(bool startable) =>
        [.. startable ? Kavach.DeviceAgent.Updates.SimulatedFirmwareSlots.Magic : Encoding.ASCII.GetBytes("NOT-A-FIRMWARE\n"), .. RandomNumberGenerator.GetBytes(4096)];

    public void Dispose()
    {
        _root.Dispose();
        _release.Dispose();
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static async Task PostBytesAsync(AgentTestServer server, string path, byte[] body, HttpStatusCode expected)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/octet-stream");
        using var response = await server.Admin.PostAsync(path, content);
        Assert.True(response.StatusCode == expected, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
