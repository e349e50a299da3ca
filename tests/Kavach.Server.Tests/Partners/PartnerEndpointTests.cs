using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Keys.Storage;
using Kavach.Server.Tests.Support;
using Kavach.Server.Tests.Trust.Pki;

namespace Kavach.Server.Tests.Partners;

/// <summary>Partner onboarding over HTTP: the flow, bad input with its codes (never a 500), and who may call what.</summary>
public sealed class PartnerEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Api = "/v1/keymanager";

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Onboard_read_renew_and_revoke_a_partner()
    {
        var pki = await PartnerPki.SharedAsync();
        var onboarded = (await OnboardAsync(pki, "http-partner")).Response();

        var chain = Certificates(onboarded["tlsCertificateChain"]!.GetValue<string>());
        Assert.Equal(3, chain.Count);
        Assert.Equal("CN=http-partner, O=Partner Org", chain[0].Subject);
        Assert.Equal([chain[1].Thumbprint, chain[2].Thumbprint], Certificates(onboarded["caBundle"]!.GetValue<string>()).Select(c => c.Thumbprint));
        Assert.Contains("IDA", Certificates(onboarded["serverSigningCertificate"]!.GetValue<string>()).Single().Subject, StringComparison.Ordinal);
        Assert.Single(Certificates(onboarded["serverEncryptionCertificate"]!.GetValue<string>()));

        var partner = (await Server.GetAsync($"{Api}/partners/http-partner")).Body.Response();
        Assert.Equal("http-partner", partner["partnerId"]!.GetValue<string>());
        Assert.Equal("Partner Org", partner["organizationName"]!.GetValue<string>());
        Assert.Equal("AUTH", partner["partnerDomain"]!.GetValue<string>());
        Assert.Equal("IDA", partner["applicationId"]!.GetValue<string>());
        Assert.Equal("ACTIVE", partner["status"]!.GetValue<string>());
        Assert.Equal(X509Certificate2.CreateFromPem(pki.Good.CertificatePem).Thumbprint, X509Certificate2.CreateFromPem(partner["signingCertificate"]!.GetValue<string>()).Thumbprint);
        Assert.Equal(X509Certificate2.CreateFromPem(pki.Signer.CertificatePem).Thumbprint, X509Certificate2.CreateFromPem(partner["encryptionCertificate"]!.GetValue<string>()).Thumbprint);
        Assert.Equal([chain[0].SerialNumber], partner["tlsCertificateSerials"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.EndsWith("Z", partner["tlsNotAfter"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains((await Server.GetAsync($"{Api}/partners")).Body.Response()["partners"]!.AsArray(), p => p!["partnerId"]!.GetValue<string>() == "http-partner");

        var renewed = (await Server.PostAsync($"{Api}/partners/http-partner/renew", new { tlsCsr = Csr() })).Body.Response();
        var newLeaf = Certificates(renewed["tlsCertificateChain"]!.GetValue<string>())[0];
        Assert.Equal([newLeaf.SerialNumber, chain[0].SerialNumber], renewed["partner"]!["tlsCertificateSerials"]!.AsArray().Select(s => s!.GetValue<string>()));

        var revoked = (await Server.PostAsync($"{Api}/partners/http-partner/revoke", new { reason = "contract ended" })).Body.Response();
        Assert.Equal("REVOKED", revoked["status"]!.GetValue<string>());
        Assert.Equal("REVOKED", (await Server.GetAsync($"{Api}/partners/http-partner")).Body.Response()["status"]!.GetValue<string>());
        Assert.Equal("KER-PCH-013", (await Server.PostAsync($"{Api}/partners/http-partner/renew", new { tlsCsr = Csr() })).Body.ErrorCode());
    }

    [Fact]
    public async Task Bad_input_gets_its_code_in_the_envelope_and_nothing_is_recorded()
    {
        var pki = await PartnerPki.SharedAsync();
        await EnsureIdaPolicyAsync();
        Assert.Equal("KER-PCH-012", (await OnboardAsync(pki, "bad-csr", tlsCsr: "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----")).ErrorCode());
        Assert.Equal("KER-PCH-014", (await OnboardAsync(pki, "not a valid id")).ErrorCode());
        Assert.Equal("KER-PCM-011", (await OnboardAsync(pki, "bad-domain", domain: "MISP")).ErrorCode());
        Assert.Equal("KER-PCH-016", (await Server.PostAsync($"{Api}/partners/onboard", OnboardRequest(pki, "no-policy", Csr(), null, null, "NO_SUCH_APP"))).Body.ErrorCode());
        Assert.Equal("KER-PCH-015", (await OnboardAsync(pki, "foreign-ca", caCertificate: X509Certificate2.CreateFromPem(pki.OrphanCa).ExportCertificatePem())).ErrorCode());
        Assert.Equal("KER-KMS-005", (await Server.PostAsync($"{Api}/partners/onboard", new { partnerId = "empty" })).Body.ErrorCode());
        Assert.Equal("KER-PCH-010", (await Server.GetAsync($"{Api}/partners/nobody")).Body.ErrorCode());
        Assert.Equal("KER-PCH-010", (await Server.GetAsync($"{Api}/partners/bad%20id")).Body.ErrorCode());
        Assert.Equal("KER-PCH-010", (await Server.PostAsync($"{Api}/partners/nobody/revoke", new { reason = "x" })).Body.ErrorCode());

        var (status, body) = await Server.SendRawAsync(HttpMethod.Post, $"{Api}/partners/onboard", "{\"request\": {\"partnerId\": ", "application/json");
        Assert.InRange(status, 200, 499);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);

        foreach (var id in new[] { "bad-csr", "bad-domain", "foreign-ca", "empty", "no-policy" })
        {
            Assert.Equal("KER-PCH-010", (await Server.GetAsync($"{Api}/partners/{id}")).Body.ErrorCode());
        }
    }

    [Fact]
    public async Task A_gateway_reads_partners_but_changes_nothing_and_a_partner_reads_nothing()
    {
        var pki = await PartnerPki.SharedAsync();
        await OnboardAsync(pki, "authz-partner");
        using var gateway = await ClientAsync("gateway-1", "PARTNER_GATEWAY");
        using var partner = await ClientAsync("partner-1", "PARTNER");

        Assert.Equal(200, (int)(await gateway.GetAsync(new Uri($"{Api}/partners/authz-partner", UriKind.Relative))).StatusCode);

        // Attack: a gateway's token tries to revoke a partner or onboard one of its own choosing.
        using var revoke = await gateway.PostAsync(new Uri($"{Api}/partners/authz-partner/revoke", UriKind.Relative), Json(new { reason = "x" }));
        Assert.Equal(403, (int)revoke.StatusCode);
        Assert.Contains("KER-ATH-403", await revoke.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var onboard = await gateway.PostAsync(new Uri($"{Api}/partners/onboard", UriKind.Relative), Json(OnboardRequest(pki, "gateway-made", Csr(), null, null)));
        Assert.Equal(403, (int)onboard.StatusCode);

        using var read = await partner.GetAsync(new Uri($"{Api}/partners/authz-partner", UriKind.Relative));
        Assert.Equal(403, (int)read.StatusCode);

        Assert.Equal("ACTIVE", (await Server.GetAsync($"{Api}/partners/authz-partner")).Body.Response()["status"]!.GetValue<string>());
        Assert.Equal("KER-PCH-010", (await Server.GetAsync($"{Api}/partners/gateway-made")).Body.ErrorCode());
    }

    private async Task<JsonNode> OnboardAsync(PartnerPki pki, string partnerId, string? tlsCsr = null, string? domain = null, string? caCertificate = null)
    {
        await EnsureIdaPolicyAsync();
        return (await Server.PostAsync($"{Api}/partners/onboard", OnboardRequest(pki, partnerId, tlsCsr ?? Csr(), domain, caCertificate))).Body;
    }

    /// <summary>MOSIP's kernel seed has no IDA key policy (IDA runs its own key manager); a Kavach protecting IDA gets one.</summary>
    private async Task EnsureIdaPolicyAsync()
    {
        var runtime = Server.Runtime;
        await runtime.Store.UpsertPolicyAsync(new KeyPolicy("IDA", 1095, 60, true, "NA"), CancellationToken.None);
        runtime.Policies.Invalidate();
    }

    private static object OnboardRequest(PartnerPki pki, string partnerId, string tlsCsr, string? domain, string? caCertificate, string? applicationId = null) => new
    {
        partnerId,
        organizationName = PartnerPki.Organization,
        partnerDomain = domain,
        caCertificate = caCertificate ?? pki.Root.CertificatePem + "\n" + pki.Issuing.CertificatePem,
        signingCertificate = pki.Good.CertificatePem,
        encryptionCertificate = pki.Signer.CertificatePem,
        tlsCsr,
        applicationId,
    };

    private static string Csr()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest("CN=tls", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
    }

    private async Task<HttpClient> ClientAsync(string subject, string role)
    {
        var client = new HttpClient { BaseAddress = Server.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Server.IssueTokenAsync(subject, [role]));
        return client;
    }

    private static StringContent Json(object request) => new(TestServer.Wrap(request), Encoding.UTF8, "application/json");

    private static List<X509Certificate2> Certificates(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return [.. collection];
    }
}
