using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Devices.Server.Tests.Support;
using Kavach.Hosting.Security;
using Kavach.Testing;
using Kavach.Testing.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.DeviceAgent.Tests.Support;

/// <summary>
/// A real device management server on loopback with what an agent needs from the operators: the device provider
/// (DEVICE domain), its approved model, and whitelist batches of the agent's simulated devices, imported by one
/// administrator and approved by another. The server root is written to a PEM file, as an agent is provisioned with it.
/// </summary>
internal sealed class AgentTestServer : IAsyncDisposable
{
    private readonly HashSet<string> _ftmRoots = new(StringComparer.Ordinal);
    private int _batches;

    private AgentTestServer(DeviceServerHost host, DeviceProviderPki pki, HttpClient admin, HttpClient approver, TempDirectory files, string rootPem)
    {
        Host = host;
        Pki = pki;
        Admin = admin;
        Approver = approver;
        Files = files;
        RootPem = rootPem;
        RootFile = files.File("server-root.pem");
        File.WriteAllText(RootFile, rootPem);
    }

    public DeviceServerHost Host { get; }

    public DeviceProviderPki Pki { get; }

    /// <summary>alice: device administrator and approver.</summary>
    public HttpClient Admin { get; }

    /// <summary>bob: approver.</summary>
    public HttpClient Approver { get; }

    public TempDirectory Files { get; }

    public string RootPem { get; }

    public string RootFile { get; }

    public string Url => Host.Address.ToString().TrimEnd('/');

    /// <summary>
    /// Starts the server. Test machines run no NTP, so the server would refuse to sign time (KER-DEV-066): the test
    /// declares its clock disciplined within 50 ms, as an operator of a PTP-disciplined clock would.
    /// </summary>
    public static async Task<AgentTestServer> StartAsync(IReadOnlyList<string>? extraArgs = null)
    {
        var host = await DeviceServerHost.StartAsync(["--Kavach:DeviceServer:Operations:Time:Source=declared", "--Kavach:DeviceServer:Operations:Time:DeclaredErrorMs=50", .. extraArgs ?? []]);
        var pki = new DeviceProviderPki("MOSIP.PROXY.SBI", "MOSIP");
        var admin = host.Client(token: await host.TokenAsync("alice", KnownRoles.DeviceAdmin, KnownRoles.DeviceApprover));
        var approver = host.Client(token: await host.TokenAsync("bob", KnownRoles.DeviceApprover));
        // The key ring's own certificate object: read, never disposed.
        var root = await host.TlsRootAsync();
        var server = new AgentTestServer(host, pki, admin, approver, new TempDirectory("kavach-agent-server"), root.ExportCertificatePem() + "\n");
        await PostOkAsync(admin, "/admin/providers", new JsonObject { ["providerId"] = pki.ProviderId, ["organizationName"] = pki.Organization, ["kind"] = "DEVICE", ["caCertificates"] = pki.ProviderCa.Pem });
        await PostOkAsync(admin, "/admin/models", new JsonObject { ["id"] = "MOSIP-SLAP01", ["deviceProviderId"] = pki.ProviderId, ["deviceTypeCode"] = "Finger", ["deviceSubTypeCode"] = "Slap", ["make"] = "MOSIP", ["model"] = "SLAP01" });
        await PostOkAsync(admin, "/admin/models", new JsonObject { ["id"] = "MOSIP-IRIS01", ["deviceProviderId"] = pki.ProviderId, ["deviceTypeCode"] = "Iris", ["deviceSubTypeCode"] = "Double", ["make"] = "MOSIP", ["model"] = "IRIS01" });
        return server;
    }

    /// <summary>Uploads the FTM CA of <paramref name="ftmCaDirectory"/> (once; none for L0 devices) and whitelists <paramref name="entries"/> with four eyes.</summary>
    public async Task WhitelistAsync(string? ftmCaDirectory, IReadOnlyList<WhitelistEntry> entries)
    {
        var ftmPem = ftmCaDirectory is null ? null : await File.ReadAllTextAsync(Path.Combine(ftmCaDirectory, "ftm-ca.pem"));
        if (ftmPem is not null && _ftmRoots.Add(ftmPem))
        {
            await PostOkAsync(Admin, "/admin/providers", new JsonObject { ["providerId"] = $"MOSIP.FTM{_ftmRoots.Count}", ["organizationName"] = "MOSIP FTM", ["kind"] = "FTM", ["caCertificates"] = ftmPem });
        }

        var batchId = $"BATCH-AGENT-{Interlocked.Increment(ref _batches)}";
        var batch = Pki.SignBatch(batchId, [.. entries.Select(e => new WhitelistBatchEntry(e.SerialNo, e.Make, e.Model, e.Type, e.DeviceSubType, e.Certification, e.Purpose, e.Env, e.FtmCertSha256, e.L0KeySha256, e.L0SecretSha256))]);
        using var content = new StringContent(batch);
        content.Headers.ContentType = new("application/jose");
        using (var imported = await Admin.PostAsync("/admin/whitelist", content))
        {
            Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        }

        using var approved = await Approver.PostAsync($"/admin/whitelist/{batchId}/approve", null);
        Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
    }

    /// <summary>The device as the admin API shows it.</summary>
    public async Task<JsonObject> DeviceAsync(string serial) =>
        (await Admin.GetFromJsonAsync<JsonObject>($"/admin/devices/{serial}"))!;

    public static async Task<JsonObject> PostOkAsync(HttpClient client, string path, JsonNode? body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
    }

    /// <summary>Queues an administrator's command; returns its id.</summary>
    public async Task<string> CommandAsync(string serial, string kind, JsonNode? arguments = null) =>
        (await PostOkAsync(Admin, $"/admin/devices/{serial}/commands", new JsonObject { ["kind"] = kind, ["arguments"] = arguments }))["cmdId"]!.GetValue<string>();

    /// <summary>The stored result of a command (its JSON text), read from the server's command store.</summary>
    public async Task<string> CommandResultAsync(string serial, string cmdId)
    {
        var command = await Host.Services.GetRequiredService<Kavach.Devices.Commands.IDeviceCommandStore>().GetCommandAsync(cmdId, CancellationToken.None);
        Assert.NotNull(command);
        Assert.Equal(serial, command.SerialNo);
        return command.Result ?? string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Approver.Dispose();
        Pki.Dispose();
        Files.Dispose();
        await Host.DisposeAsync();
    }
}
