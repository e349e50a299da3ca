using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kavach.Devices.Registry;
using Kavach.Testing.Devices;

namespace Kavach.Console.Tests.Support;

/// <summary>Device server content for the console: a provider, its FTM provider and a model, whitelist batches, devices.</summary>
internal static class DeviceSeeding
{
    /// <summary>The model every seeded device is of.</summary>
    public const string Make = "MOSIP";

    public const string Model = "SLAP01";

    /// <summary>Registers the provider, the FTM provider and the model through the admin API.</summary>
    public static async Task RegisterProviderAsync(HttpClient admin, DeviceProviderPki pki)
    {
        await PostOkAsync(admin, "/admin/providers", new JsonObject { ["providerId"] = pki.ProviderId, ["organizationName"] = pki.Organization, ["kind"] = "DEVICE", ["caCertificates"] = pki.ProviderCa.Pem });
        await PostOkAsync(admin, "/admin/providers", new JsonObject { ["providerId"] = pki.ProviderId + ".FTM", ["organizationName"] = pki.Organization + " FTM", ["kind"] = "FTM", ["caCertificates"] = pki.FtmRoot.Pem });
        await PostOkAsync(admin, "/admin/models", new JsonObject { ["id"] = "MOSIP-SLAP01", ["deviceProviderId"] = pki.ProviderId, ["deviceTypeCode"] = "Finger", ["deviceSubTypeCode"] = "Slap", ["make"] = Make, ["model"] = Model });
    }

    /// <summary>Imports a signed whitelist batch of <paramref name="serials"/> as the caller of <paramref name="importer"/>.</summary>
    public static async Task ImportBatchAsync(HttpClient importer, DeviceProviderPki pki, string batchId, IEnumerable<string> serials)
    {
        // Entries name a chip certificate hash; the chips themselves are never made (no device enrols in these tests).
        var entries = serials.Select(s => DeviceProviderPki.L1Entry(s, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s))))).ToList();
        using var batch = new StringContent(pki.SignBatch(batchId, entries));
        batch.Headers.ContentType = new("application/jose");
        using var imported = await importer.PostAsync("/admin/whitelist", batch);
        Assert.True(imported.StatusCode == HttpStatusCode.Created, $"whitelist import answered {(int)imported.StatusCode}: {await imported.Content.ReadAsStringAsync()}");
    }

    /// <summary>A batch's state as the admin API reports it.</summary>
    public static async Task<string> BatchStateAsync(HttpClient client, string batchId)
    {
        using var response = await client.GetAsync($"/admin/whitelist/{batchId}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET whitelist/{batchId} answered {(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!;
        return (body["state"] ?? body["status"])?.GetValue<string>() ?? text;
    }

    /// <summary>
    /// Devices written straight into the registry in the states enrolment, check-ins and operators would have moved
    /// them to: one store transaction for any number, where a real enrolment costs about 40 ms of server CPU each.
    /// </summary>
    public static async Task InsertDevicesAsync(IDeviceRegistryStore store, string providerId, string prefix, int count, TimeProvider time)
    {
        var now = time.GetUtcNow();
        DeviceState[] states = [DeviceState.Active, DeviceState.Active, DeviceState.Active, DeviceState.Whitelisted, DeviceState.PendingConfirm, DeviceState.Quarantined, DeviceState.Deregistered, DeviceState.Expired];
        var devices = Enumerable.Range(0, count).Select(i =>
        {
            var state = states[i % states.Length];
            var enrolled = state is not DeviceState.Whitelisted;
            return new DeviceRecord(
                $"{prefix}{i:D6}", enrolled ? Guid.NewGuid().ToString() : null, providerId, Make, Model, "Finger", "Slap", "L1", "Auth", "Staging",
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))), null,
                state, enrolled ? 10 : 0, enrolled ? now.AddMinutes(-i % 600) : null, enrolled ? "1.0.0" : null, 0, false, "SEEDED", now, 1);
        }).ToList();
        Assert.True(await store.TryInsertDevicesAsync(devices, CancellationToken.None), "seeded serials already existed");
    }

    private static async Task PostOkAsync(HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
