using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Registry;
using Kavach.Devices.Server.Tests.Support;
using Kavach.Hosting.Security;
using Kavach.Testing.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Devices.Server.Tests;

/// <summary>
/// The whole life of an L1 device over real HTTPS against the real server (its vault-held device CA and server keys):
/// provider, model and whitelist through the admin API with four-eyes, then the device enrols with its FTM chip,
/// confirms over mutual TLS, checks in, receives a queued command and reports its result.
/// </summary>
public sealed class DeviceLifecycleEndToEndTests
{
    private const string Serial = "SNE2E0000001";

    [Fact]
    public async Task L1_device_is_whitelisted_enrols_confirms_checks_in_and_gets_a_command()
    {
        await using var host = await DeviceServerHost.StartAsync();
        using var pki = new DeviceProviderPki("MOSIP.PROXY.SBI", "MOSIP");
        using var importer = host.Client(token: await host.TokenAsync("alice", KnownRoles.DeviceAdmin, KnownRoles.DeviceApprover));
        using var approver = host.Client(token: await host.TokenAsync("bob", KnownRoles.DeviceApprover));

        // Repository: the device provider (CA in DEVICE), its FTM provider (root in FTM), the approved model.
        await PostOkAsync(importer, "/admin/providers", new JsonObject { ["providerId"] = pki.ProviderId, ["organizationName"] = pki.Organization, ["kind"] = "DEVICE", ["caCertificates"] = pki.ProviderCa.Pem });
        await PostOkAsync(importer, "/admin/providers", new JsonObject { ["providerId"] = "MOSIP.FTM", ["organizationName"] = "MOSIP FTM", ["kind"] = "FTM", ["caCertificates"] = pki.FtmRoot.Pem });
        await PostOkAsync(importer, "/admin/models", new JsonObject { ["id"] = "MOSIP-SLAP01", ["deviceProviderId"] = pki.ProviderId, ["deviceTypeCode"] = "Finger", ["deviceSubTypeCode"] = "Slap", ["make"] = "MOSIP", ["model"] = "SLAP01" });

        // Whitelist: imported by one administrator, approved by another; the importer cannot approve it.
        var chip = pki.IssueFtmChip(Serial);
        using var batch = new StringContent(pki.SignBatch("BATCH-E2E-1", [DeviceProviderPki.L1Entry(Serial, chip.CertificateSha256)]));
        batch.Headers.ContentType = new("application/jose");
        using (var imported = await importer.PostAsync("/admin/whitelist", batch))
        {
            Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        }

        using (var ownApproval = await importer.PostAsync("/admin/whitelist/BATCH-E2E-1/approve", null))
        {
            await ErrorAssert.CodeAsync(ownApproval, HttpStatusCode.Forbidden, "KER-DEV-034");
        }

        Assert.Null(await host.Services.GetRequiredService<IDeviceRegistryStore>().GetDeviceAsync(Serial, CancellationToken.None));
        using (var approved = await approver.PostAsync("/admin/whitelist/BATCH-E2E-1/approve", null))
        {
            Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        }

        Assert.Equal("Whitelisted", (await GetJsonAsync(importer, $"/admin/devices/{Serial}"))["state"]?.GetValue<string>());

        // The device: challenge and FTM-signed enrolment, then confirm with its new certificate over mutual TLS.
        using var device = new SimulatedL1Device(host, pki, chip, Serial, await host.TlsRootAsync());
        var enrolled = await device.EnrolAsync();
        Assert.Equal(3, enrolled.CertChain.Count);
        Assert.Contains("O=MOSIP", device.Certificate!.Subject, StringComparison.Ordinal);
        Assert.Equal("PendingConfirm", (await GetJsonAsync(importer, $"/admin/devices/{Serial}"))["state"]?.GetValue<string>());
        await device.ConfirmAsync();
        Assert.Equal("Active", (await GetJsonAsync(importer, $"/admin/devices/{Serial}"))["state"]?.GetValue<string>());

        // An administrator queues a command; the next check-in carries it, signed; the device reports the result.
        var queued = await PostOkAsync(importer, $"/admin/devices/{Serial}/commands", new JsonObject { ["kind"] = "getDeviceInfo" });
        var cmdId = queued["cmdId"]!.GetValue<string>();
        using (var deviceClient = host.Client(device.Certificate))
        using (var poll = await deviceClient.GetAsync("/v1/commands?wait=0"))
        {
            Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        }

        var checkin = await device.CheckInAsync();
        var command = Assert.Single(checkin.Commands);
        Assert.Equal(cmdId, command.CmdId);
        Assert.Equal(DeviceCommandKind.GetDeviceInfo, command.Kind);
        Assert.True(command.IsExecutable);
        await device.ReportAsync(cmdId, CommandResultStatus.Succeeded);

        var shown = await GetJsonAsync(importer, $"/admin/devices/{Serial}");
        Assert.Equal("Active", shown["state"]?.GetValue<string>());
        Assert.NotNull(shown["lastCheckIn"]);
        Assert.Empty((await device.CheckInAsync()).Commands);
        using (var deviceClient = host.Client(device.Certificate))
        using (var poll = await deviceClient.GetAsync("/v1/commands?wait=0"))
        {
            Assert.Equal(HttpStatusCode.NoContent, poll.StatusCode);
        }

        // Update metadata is for admitted devices: the enrolled one is served (nothing published yet: 404); a
        // self-signed certificate with the same subject is refused at the door.
        using (var enrolledClient = host.Client(device.Certificate))
        using (var trust = await enrolledClient.GetAsync("/v1/updates/trust.json"))
        {
            await ErrorAssert.CodeAsync(trust, HttpStatusCode.NotFound, "KER-DEV-081");
        }

        using (var rogueKey = System.Security.Cryptography.RSA.Create(2048))
        using (var rogue = new CertificateRequest(device.Certificate.SubjectName, rogueKey, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)))
        using (var rogueClient = host.Client(rogue))
        using (var refusedTrust = await rogueClient.GetAsync("/v1/updates/trust.json"))
        {
            await ErrorAssert.CodeAsync(refusedTrust, HttpStatusCode.Unauthorized, "KER-DEV-100");
        }

        // The public PKI routes: the chain that issued the device certificate, and a CRL openssl verifies against it.
        using var open = host.Client();
        var chainPem = await open.GetStringAsync("/pki/ca");
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(chainPem);
        Assert.Equal(chain[0].SubjectName.RawData, device.Certificate.IssuerName.RawData);
        using var crlResponse = await open.GetAsync("/pki/crl");
        Assert.Equal(HttpStatusCode.OK, crlResponse.StatusCode);
        Assert.Equal("application/pkix-crl", crlResponse.Content.Headers.ContentType?.MediaType);
        using var folder = new Kavach.Testing.TempDirectory("kavach-devices-crl");
        await File.WriteAllBytesAsync(folder.File("crl.der"), await crlResponse.Content.ReadAsByteArrayAsync());
        await File.WriteAllTextAsync(folder.File("ca.pem"), chainPem);
        var (code, output, error) = await Kavach.Testing.ExternalTool.RunAsync("openssl", ["crl", "-inform", "DER", "-in", folder.File("crl.der"), "-CAfile", folder.File("ca.pem"), "-noout", "-text"]);
        Assert.True(code == 0, output + error);
        Assert.Contains("verify OK", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deregistration_is_approved_by_a_second_administrator_delivered_at_check_in_and_acknowledged_by_the_ftm_chip()
    {
        await using var host = await DeviceServerHost.StartAsync();
        using var pki = new DeviceProviderPki("MOSIP.PROXY.SBI", "MOSIP");
        using var admin = host.Client(token: await host.TokenAsync("alice", KnownRoles.DeviceAdmin));
        using var approver = host.Client(token: await host.TokenAsync("bob", KnownRoles.DeviceApprover));
        await PostOkAsync(admin, "/admin/providers", new JsonObject { ["providerId"] = pki.ProviderId, ["organizationName"] = pki.Organization, ["kind"] = "DEVICE", ["caCertificates"] = pki.ProviderCa.Pem });
        await PostOkAsync(admin, "/admin/providers", new JsonObject { ["providerId"] = "MOSIP.FTM", ["organizationName"] = "MOSIP FTM", ["kind"] = "FTM", ["caCertificates"] = pki.FtmRoot.Pem });
        await PostOkAsync(admin, "/admin/models", new JsonObject { ["id"] = "MOSIP-SLAP01", ["deviceProviderId"] = pki.ProviderId, ["deviceTypeCode"] = "Finger", ["deviceSubTypeCode"] = "Slap", ["make"] = "MOSIP", ["model"] = "SLAP01" });
        var chip = pki.IssueFtmChip(Serial);
        using var batch = new StringContent(pki.SignBatch("BATCH-DEREG-1", [DeviceProviderPki.L1Entry(Serial, chip.CertificateSha256)]));
        batch.Headers.ContentType = new("application/jose");
        using (var imported = await admin.PostAsync("/admin/whitelist", batch))
        {
            Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        }

        await PostOkAsync(approver, "/admin/whitelist/BATCH-DEREG-1/approve", new JsonObject());
        using var device = new SimulatedL1Device(host, pki, chip, Serial, await host.TlsRootAsync());
        await device.EnrolAsync();
        await device.ConfirmAsync();

        // Requested by one administrator, approved by another: the device is Deregistering and gets only deregister.
        var request = await PostOkAsync(admin, $"/admin/devices/{Serial}/deregister", new JsonObject { ["reason"] = "decommissioned" });
        var approvalId = request["approvalId"]!.GetValue<string>();
        await PostOkAsync(approver, $"/admin/approvals/{approvalId}/approve", new JsonObject());
        Assert.Equal("Deregistering", (await GetJsonAsync(admin, $"/admin/devices/{Serial}"))["state"]?.GetValue<string>());
        var command = Assert.Single((await device.CheckInAsync()).Commands);
        Assert.Equal(DeviceCommandKind.Deregister, command.Kind);

        // The zeroisation proof, signed by the FTM chip without a TLS certificate: the certificate is revoked.
        var (status, body) = await device.AcknowledgeDeregistrationAsync();
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal("Deregistered", (await GetJsonAsync(admin, $"/admin/devices/{Serial}"))["state"]?.GetValue<string>());
        var record = await host.Services.GetRequiredService<IDeviceCertificateStore>().GetCertificateAsync(device.CertSerial, CancellationToken.None);
        Assert.Equal(DeviceCertificateStatus.Revoked, record?.Status);

        // The transparency log now has entries; its tree head is public.
        using var open = host.Client();
        var head = JsonNode.Parse(await open.GetStringAsync("/transparency/sth"))!;
        Assert.True(head["treeSize"]?.GetValue<long>() > 0, head.ToJsonString());

        // An auditor checks an entry with the CLI against the pinned log certificate; any other certificate fails.
        var leaves = await host.Services.GetRequiredService<Kavach.Devices.Transparency.ITransparencyLogStore>().ReadLeavesAsync(0, 100, CancellationToken.None);
        var leafHash = Convert.ToHexStringLower(leaves[^1].LeafHash);
        using var folder = new Kavach.Testing.TempDirectory("kavach-devices-log");
        await File.WriteAllTextAsync(folder.File("log.pem"), await open.GetStringAsync("/transparency/certificates"));
        await File.WriteAllTextAsync(folder.File("tls.pem"), (await host.TlsRootAsync()).ExportCertificatePem());
        string[] common = ["--server", host.Address.ToString(), "--token-file", Path.Combine(host.DataDirectory, "admin.token"), "--ca", folder.File("tls.pem"), "--json"];
        var verified = await CliAsync(["devices", "log", "verify-inclusion", "--leaf", leafHash, "--log-cert", folder.File("log.pem"), .. common]);
        Assert.True(verified.Code == 0, verified.Error);
        Assert.True(JsonNode.Parse(verified.Out)?["verified"]?.GetValue<bool>());
        var forged = await CliAsync(["devices", "log", "verify-inclusion", "--leaf", leafHash, "--log-cert", folder.File("tls.pem"), .. common]);
        Assert.Equal(1, forged.Code);
        Assert.Contains("NOT verified", forged.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attack_enrolment_of_a_serial_in_no_approved_batch_is_refused_without_state_change()
    {
        await using var host = await DeviceServerHost.StartAsync();
        using var pki = new DeviceProviderPki("MOSIP.PROXY.SBI", "MOSIP");
        var chip = pki.IssueFtmChip(Serial);
        using var admin = host.Client(token: await host.AdminTokenAsync());
        await PostOkAsync(admin, "/admin/providers", new JsonObject { ["providerId"] = pki.ProviderId, ["organizationName"] = pki.Organization, ["kind"] = "DEVICE", ["caCertificates"] = pki.ProviderCa.Pem });
        await PostOkAsync(admin, "/admin/providers", new JsonObject { ["providerId"] = "MOSIP.FTM", ["organizationName"] = "MOSIP FTM", ["kind"] = "FTM", ["caCertificates"] = pki.FtmRoot.Pem });

        // Not whitelisted: a genuine FTM chip and a valid message still get no certificate.
        using var stranger = new SimulatedL1Device(host, pki, chip, Serial, await host.TlsRootAsync());
        var refused = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => stranger.EnrolAsync());
        Assert.Contains("KER-DEV-04", refused.Message, StringComparison.Ordinal);
        Assert.Null(await host.Services.GetRequiredService<IDeviceRegistryStore>().GetDeviceAsync(Serial, CancellationToken.None));
    }

    private static async Task<(int Code, string Out, string Error)> CliAsync(string[] args)
    {
        using var input = new MemoryStream();
        using var output = new MemoryStream();
        using var text = new StringWriter();
        using var error = new StringWriter();
        var code = await Kavach.Cli.KavachCli.RunAsync(args, new Kavach.Cli.CliConsole(input, output, text, error));
        return (code, text.ToString(), error.ToString());
    }

    private static async Task<JsonNode> PostOkAsync(HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
