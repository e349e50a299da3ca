using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kavach.Deployment.Tests.Support;
using Kavach.DeviceAgent.Fleet;
using Kavach.DeviceAgent.State;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Testing;
using Kavach.Testing.Devices;

namespace Kavach.Deployment.Tests;

/// <summary>The pod from the Kubernetes manifests serves real requests over its ports.</summary>
public sealed class PodTests(PodFixture pod) : IClassFixture<PodFixture>
{
    [Fact]
    public async Task A_ciphertext_made_by_one_key_manager_replica_decrypts_on_the_other()
    {
        using var client = pod.Client(token: await pod.TokenAsync("pod-test", "REGISTRATION_PROCESSOR"));
        var encrypted = KeyManagerCalls.Data(await PostAsync(client, $"{pod.Url("keymanager-0")}/v1/keymanager/encrypt", KeyManagerCalls.Body(KeyManagerCalls.Plain)));
        Assert.NotEqual(KeyManagerCalls.Plain, encrypted);
        Assert.Equal(KeyManagerCalls.Plain, KeyManagerCalls.Data(await PostAsync(client, $"{pod.Url("keymanager-1")}/v1/keymanager/decrypt", KeyManagerCalls.Body(encrypted))));
    }

    [Fact]
    public async Task An_onboarded_partner_reaches_the_sample_service_through_the_gateway()
    {
        // The partner's side, as docs/partner-channel.md's walkthrough makes it; the files go where the replica's CLI reads them.
        var w = Path.Combine(pod.Dir("data-keymanager-0"), "onboard");
        Directory.CreateDirectory(w);
        await Ok(ExternalTool.OpenSslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{w}/ca.key", "-out", $"{w}/ca.pem", "-days", "3650", "-subj", "/O=Acme/CN=Acme Root CA"));
        var ext = Path.Combine(w, "ext.cnf");
        await File.WriteAllTextAsync(ext, "basicConstraints=CA:FALSE\n");
        foreach (var k in new[] { "signing", "encryption" })
        {
            await Ok(ExternalTool.OpenSslAsync("req", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{w}/{k}.key", "-out", $"{w}/{k}.csr", "-subj", $"/O=Acme/CN=acme {k}"));
            await Ok(ExternalTool.OpenSslAsync("x509", "-req", "-in", $"{w}/{k}.csr", "-CA", $"{w}/ca.pem", "-CAkey", $"{w}/ca.key", "-CAcreateserial", "-days", "730", "-out", $"{w}/{k}.pem", "-extfile", ext));
            await Ok(ExternalTool.OpenSslAsync("pkcs12", "-export", "-in", $"{w}/{k}.pem", "-inkey", $"{w}/{k}.key", "-out", $"{w}/{k}.p12", "-passout", "pass:changeit"));
        }

        await Ok(ExternalTool.OpenSslAsync("req", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{w}/tls.key", "-out", $"{w}/tls.csr", "-subj", "/CN=acme"));
        await Ok(ExternalTool.RunAsync("chown", ["-R", "10001:10001", w]));
        await Podman.ExecAsync(pod.Container("keymanager-0"), "kavach", "partner", "onboard", "--partner-id", "acme", "--org", "Acme", "--domain", "AUTH",
            "--ca", "/data/onboard/ca.pem", "--signing-cert", "/data/onboard/signing.pem", "--encryption-cert", "/data/onboard/encryption.pem",
            "--tls-csr", "/data/onboard/tls.csr", "--out", "/data/onboard/acme");

        var partner = Path.Combine(pod.Built.Samples, "bin", "Kavach.Samples.Partner", "release", "Kavach.Samples.Partner.dll");
        var (exit, stdout, stderr) = await ExternalTool.RunAsync("dotnet", [partner, "--url", $"{pod.Url("gateway")}/whoami", "--method", "GET", "--profile", "kavach",
            "--onboarded", $"{w}/acme", "--tls-key", $"{w}/tls.key", "--signing", $"{w}/signing.p12", "--encryption", $"{w}/encryption.p12", "--password", "changeit"]);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("HTTP 200", stdout, StringComparison.Ordinal);
        Assert.Contains("\"partnerId\":\"acme\"", stdout, StringComparison.Ordinal);
        using var plain = new HttpClient();
        Assert.Equal("{\"requests\":1}", await plain.GetStringAsync($"http://127.0.0.1:{pod.Ports["backend"]}/stats"));
    }

    [Fact]
    public async Task A_whitelisted_device_enrols_with_the_device_server_and_checks_in()
    {
        using var admin = pod.Client(token: await pod.TokenAsync("alice", "DEVICE_ADMIN,DEVICE_APPROVER"));
        using var approver = pod.Client(token: await pod.TokenAsync("bob", "DEVICE_APPROVER"));
        admin.BaseAddress = approver.BaseAddress = new Uri(pod.Url("device-server"));
        using var pki = new DeviceProviderPki("MOSIP.PROXY.SBI", "MOSIP");
        await PostOkAsync(admin, "/admin/providers", new JsonObject { ["providerId"] = pki.ProviderId, ["organizationName"] = pki.Organization, ["kind"] = "DEVICE", ["caCertificates"] = pki.ProviderCa.Pem });
        await PostOkAsync(admin, "/admin/models", new JsonObject { ["id"] = "MOSIP-SLAP01", ["deviceProviderId"] = pki.ProviderId, ["deviceTypeCode"] = "Finger", ["deviceSubTypeCode"] = "Slap", ["make"] = "MOSIP", ["model"] = "SLAP01" });

        using var folder = new TempDirectory("kavach-pod-device");
        var options = new FleetOptions(folder.File("devices"), new ServerBinding(pod.Url("device-server"), pod.RootPem + "\n", []), folder.File("ftm-ca")) { Devices = 1 };
        using var fleet = new FleetSimulator(options);
        Assert.Equal(0, (await fleet.ProvisionAsync(CancellationToken.None)).Errors);
        var ftmPem = await File.ReadAllTextAsync(Path.Combine(options.FtmCaDirectory, "ftm-ca.pem"));
        await PostOkAsync(admin, "/admin/providers", new JsonObject { ["providerId"] = "MOSIP.FTM1", ["organizationName"] = "MOSIP FTM", ["kind"] = "FTM", ["caCertificates"] = ftmPem });
        var batch = pki.SignBatch("BATCH-POD-1", [.. fleet.Entries.Select(e => new WhitelistBatchEntry(e.SerialNo, e.Make, e.Model, e.Type, e.DeviceSubType, e.Certification, e.Purpose, e.Env, e.FtmCertSha256, e.L0KeySha256))]);
        using (var content = new StringContent(batch))
        {
            content.Headers.ContentType = new("application/jose");
            using var imported = await admin.PostAsync("/admin/whitelist", content);
            Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        }

        using (var approved = await approver.PostAsync("/admin/whitelist/BATCH-POD-1/approve", null))
        {
            Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        }

        var enrolled = await fleet.EnrolAsync(CancellationToken.None);
        Assert.True(enrolled.Errors == 0, enrolled.ToString());
        var checkedIn = await fleet.CheckInAsync(1, CancellationToken.None);
        Assert.True(checkedIn.Errors == 0, checkedIn.ToString());
        var device = (await admin.GetFromJsonAsync<JsonObject>($"/admin/devices/{fleet.Serials[0]}"))!;
        Assert.Equal("Active", device["state"]?.GetValue<string>());
    }

    private static async Task<string> PostAsync(HttpClient client, string url, string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(url, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return text;
    }

    private static async Task PostOkAsync(HttpClient client, string path, JsonNode body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task Ok(Task<(int ExitCode, string StdOut, string StdErr)> run)
    {
        var (exit, stdout, stderr) = await run;
        Assert.True(exit == 0, stdout + stderr);
    }
}
