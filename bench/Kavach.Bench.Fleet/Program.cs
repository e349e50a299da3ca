using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kavach.Bench.Fleet;
using Kavach.DeviceAgent.Fleet;
using Kavach.DeviceAgent.State;
using Kavach.Testing.Devices;

// Sets up a running device server the way operators do (provider, model, FTM CA, whitelist imported by one
// administrator and approved by another), then runs the FleetSimulator against it and measures the server process.
//
//   Kavach.Bench.Fleet --url URL --admin-token FILE --approver-token FILE --server-pid PID --work DIR
//                      [--devices 1000] [--concurrency 4] [--rounds 2] [--chip-key-pool 32] [--batch 5000]
//
// Prints progress on stderr and one JSON line on stdout with every phase's numbers.
var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    arguments[args[i].TrimStart('-')] = args[i + 1];
}

int Int(string name, int fallback) => arguments.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var url = arguments["url"].TrimEnd('/');
var devices = Int("devices", 1_000);
var rounds = Int("rounds", 2);
var batchSize = Int("batch", 5_000);
var server = new ServerProcess(Int("server-pid", 0));
var work = arguments["work"];

// The root is fetched once without validation, as an operator copies it onto the devices; the agent then pins it.
// The admin clients talk to the loopback server this run started: the bench measures it, it does not trust it.
#pragma warning disable CA5359
using var bootstrap = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } }) { BaseAddress = new Uri(url + "/") };
var chain = new X509Certificate2Collection();
chain.ImportFromPem(await bootstrap.GetStringAsync("pki/ca"));
var root = chain.Single(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData));
var rootPem = root.ExportCertificatePem() + "\n";

HttpClient AdminClient(string tokenFile)
{
    var client = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } }) { BaseAddress = new Uri(url + "/") };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(tokenFile).Trim());
    return client;
}

#pragma warning restore CA5359

using var admin = AdminClient(arguments["admin-token"]);
using var approver = AdminClient(arguments["approver-token"]);
using var pki = new DeviceProviderPki("MOSIP.PROXY.SBI", "MOSIP");
await PostAsync(admin, "admin/providers", new JsonObject { ["providerId"] = pki.ProviderId, ["organizationName"] = pki.Organization, ["kind"] = "DEVICE", ["caCertificates"] = pki.ProviderCa.Pem });
await PostAsync(admin, "admin/models", new JsonObject { ["id"] = "MOSIP-SLAP01", ["deviceProviderId"] = pki.ProviderId, ["deviceTypeCode"] = "Finger", ["deviceSubTypeCode"] = "Slap", ["make"] = "MOSIP", ["model"] = "SLAP01" });

var options = new FleetOptions(Path.Combine(work, "devices"), new ServerBinding(url, rootPem, []), Path.Combine(work, "ftm-ca"))
{
    Devices = devices,
    Concurrency = Int("concurrency", 4),
    ChipKeyPool = Int("chip-key-pool", 32),
};
using var fleet = new FleetSimulator(options);
var phases = new List<JsonObject>();
var rssStart = server.RssKib();
Report(await fleet.ProvisionAsync(CancellationToken.None), null);

await PostAsync(admin, "admin/providers", new JsonObject { ["providerId"] = "MOSIP.FTM", ["organizationName"] = "MOSIP FTM", ["kind"] = "FTM", ["caCertificates"] = await File.ReadAllTextAsync(Path.Combine(options.FtmCaDirectory, "ftm-ca.pem")) });
var entries = fleet.Entries;
for (var offset = 0; offset < entries.Count; offset += batchSize)
{
    // A batch holds at most the repository's MaxBatchEntries (10,000 by default): larger fleets come in several.
    var batchId = string.Create(CultureInfo.InvariantCulture, $"BATCH-FLEET-{offset / batchSize + 1}");
    var batch = pki.SignBatch(batchId, [.. entries.Skip(offset).Take(batchSize).Select(e => new WhitelistBatchEntry(e.SerialNo, e.Make, e.Model, e.Type, e.DeviceSubType, e.Certification, e.Purpose, e.Env, e.FtmCertSha256, e.L0KeySha256))]);
    using var content = new StringContent(batch);
    content.Headers.ContentType = new("application/jose");
    using var imported = await admin.PostAsync("admin/whitelist", content);
    Require(imported.StatusCode == HttpStatusCode.Created, $"whitelist import: {(int)imported.StatusCode} {await imported.Content.ReadAsStringAsync()}");
    using var approved = await approver.PostAsync($"admin/whitelist/{batchId}/approve", null);
    Require(approved.StatusCode == HttpStatusCode.OK, $"whitelist approval: {(int)approved.StatusCode} {await approved.Content.ReadAsStringAsync()}");
}

var rssBefore = server.RssKib();
var cpu = server.CpuSeconds();
Report(await fleet.EnrolAsync(CancellationToken.None), cpu);
for (var round = 1; round <= rounds; round++)
{
    cpu = server.CpuSeconds();
    Report(await fleet.CheckInAsync(round, CancellationToken.None), cpu);
}

var active = 0;
string? after = null;
do
{
    var page = (await admin.GetFromJsonAsync<JsonObject>($"admin/devices?state=Active&limit=1000{(after is null ? string.Empty : "&after=" + after)}"))!;
    active += page["devices"]!.AsArray().Count;
    after = page["next"]?.GetValue<string>();
}
while (after is not null);

var result = new JsonObject
{
    ["devices"] = devices,
    ["concurrency"] = options.Concurrency,
    ["chipKeyPool"] = options.ChipKeyPool,
    ["active"] = active,
    ["rssStartKib"] = rssStart,
    ["rssBeforeEnrolKib"] = rssBefore,
    ["rssAfterKib"] = server.RssKib(),
    ["peakRssKib"] = server.PeakRssKib(),
    ["phases"] = new JsonArray([.. phases]),
};
Console.WriteLine(result.ToJsonString());
return;

void Report(FleetPhaseResult phase, double? cpuBefore)
{
    Console.Error.WriteLine(phase.ToString());
    var cpuSeconds = cpuBefore is { } before ? server.CpuSeconds() - before : (double?)null;
    phases.Add(new JsonObject
    {
        ["phase"] = phase.Phase,
        ["count"] = phase.Count,
        ["errors"] = phase.Errors,
        ["errorsByCode"] = JsonSerializer.SerializeToNode(phase.ErrorsByCode),
        ["firstErrors"] = new JsonArray([.. phase.FirstErrors.Select(e => (JsonNode)$"{e.SerialNo} {e.Code} {e.Message}")]),
        ["wallSeconds"] = phase.Wall.TotalSeconds,
        ["perSecond"] = phase.PerSecond,
        ["p50Ms"] = phase.P50.TotalMilliseconds,
        ["p95Ms"] = phase.P95.TotalMilliseconds,
        ["p99Ms"] = phase.P99.TotalMilliseconds,
        ["serverCpuSeconds"] = cpuSeconds,
        ["serverRssKib"] = server.RssKib(),
    });
}

static async Task PostAsync(HttpClient client, string path, JsonNode body)
{
    using var response = await client.PostAsJsonAsync(path, body);
    Require(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
}

static void Require(bool condition, string message)
{
    if (!condition)
    {
        throw new InvalidOperationException(message);
    }
}
