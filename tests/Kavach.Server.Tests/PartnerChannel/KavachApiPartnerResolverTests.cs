using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Kavach.PartnerChannel.Remote;
using Kavach.Server.Tests.Support;
using Kavach.Testing.PartnerChannel;
using Kavach.Trust.Channel;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Server.Tests.PartnerChannel;

/// <summary>
/// The remote partner resolver against a real server: partners onboarded by its onboarding service, read back by
/// <c>GET /partners/{id}</c>, their certificates checked by <c>verifyCertificateTrust</c>, the TLS certificate chained to
/// the CA bundle onboarding handed out. Records altered on purpose (serial, certificate) come from a stub.
/// </summary>
public sealed class KavachApiPartnerResolverTests(RemoteChannelFixture fixture) : IClassFixture<RemoteChannelFixture>, IDisposable
{
    private readonly PartnerChannelPki _pki = PartnerChannelPki.Create();
    private readonly PartnerRegistryStub _registry = new();

    [Fact]
    public async Task An_onboarded_partner_resolves_with_its_registered_certificates()
    {
        var (partner, tls, bundle) = await OnboardAsync("remote-one");

        var resolved = await Resolver(bundle).ResolveAsync(tls, CancellationToken.None);

        Assert.NotNull(resolved);
        Assert.Equal("remote-one", resolved.PartnerId);
        Assert.Equal("Kavach Tests", resolved.Organization);
        Assert.Equal("AUTH", resolved.Domain);
        Assert.Equal(partner.Signing.Certificate.RawData, resolved.SigningCertificate.RawData);
        Assert.Equal(partner.Encryption.Certificate.RawData, resolved.EncryptionCertificate.RawData);
    }

    [Fact]
    public async Task A_revoked_partner_is_not_resolved_on_the_next_request()
    {
        var (_, tls, bundle) = await OnboardAsync("remote-revoked");
        var resolver = Resolver(bundle);
        Assert.NotNull(await resolver.ResolveAsync(tls, CancellationToken.None));

        var revoked = await fixture.Server.Services.GetRequiredService<PartnerOnboardingService>().RevokeAsync("remote-revoked", "test", "operator", CancellationToken.None);
        Assert.True(revoked.IsSuccess, revoked.Error?.Message);

        Assert.Null(await resolver.ResolveAsync(tls, CancellationToken.None));
    }

    [Fact]
    public async Task A_TLS_certificate_whose_serial_the_registry_does_not_list_is_not_resolved()
    {
        var (_, tls, bundle) = await OnboardAsync("remote-renewed");
        var record = await RecordAsync("remote-renewed");
        record["tlsCertificateSerials"] = new JsonArray("0A1B2C");
        _registry.Partners["remote-renewed"] = record;

        Assert.Null(await Resolver(bundle).ResolveAsync(tls, CancellationToken.None));
    }

    [Fact]
    public async Task Serials_compare_as_hex_numbers_whatever_their_case_and_leading_zeros()
    {
        var (_, tls, bundle) = await OnboardAsync("remote-serial");
        var record = await RecordAsync("remote-serial");
        record["tlsCertificateSerials"] = new JsonArray("00" + tls.SerialNumber.ToLowerInvariant());
        _registry.Partners["remote-serial"] = record;

        Assert.NotNull(await Resolver(bundle).ResolveAsync(tls, CancellationToken.None));
    }

    [Fact]
    public async Task A_signature_certificate_without_a_trust_path_in_the_domain_is_not_resolved()
    {
        var (_, tls, bundle) = await OnboardAsync("remote-untrusted");
        var record = await RecordAsync("remote-untrusted");
        record["signingCertificate"] = _pki.Foreign.Certificate.ExportCertificatePem();
        _registry.Partners["remote-untrusted"] = record;

        Assert.Null(await Resolver(bundle).ResolveAsync(tls, CancellationToken.None));
    }

    [Fact]
    public async Task A_TLS_certificate_from_another_CA_is_refused_before_the_registry_is_asked()
    {
        var (_, _, bundle) = await OnboardAsync("remote-rogue");
        var rogue = _pki.Partner("remote-rogue", _pki.RogueTlsCa);

        Assert.Null(await Resolver(bundle).ResolveAsync(rogue.Tls.Certificate, CancellationToken.None));
        Assert.Equal(0, _registry.Lookups);
    }

    [Fact]
    public async Task A_partner_never_onboarded_is_not_resolved()
    {
        var (_, _, bundle) = await OnboardAsync("remote-known");
        var stranger = await IssueFromServerCaAsync("remote-stranger");

        Assert.Null(await Resolver(bundle).ResolveAsync(stranger, CancellationToken.None));
        Assert.Equal(1, _registry.Lookups);
    }

    [Fact]
    public async Task An_unreachable_server_is_an_infrastructure_fault()
    {
        var (_, tls, bundle) = await OnboardAsync("remote-down");
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var resolver = new KavachApiPartnerResolver(http, new KavachApiOptions(), bundle, fixture.Server.Time);

        await Assert.ThrowsAsync<KavachApiUnavailableException>(async () => await resolver.ResolveAsync(tls, CancellationToken.None));
    }

    public void Dispose()
    {
        _registry.Dispose();
        _pki.Dispose();
    }

    private KavachApiPartnerResolver Resolver(X509Certificate2Collection bundle)
    {
        var http = new HttpClient(_registry, disposeHandler: false) { BaseAddress = fixture.Server.Client.BaseAddress };
        var options = new KavachApiOptions { AccessToken = _ => ValueTask.FromResult(fixture.ServiceToken) };
        return new KavachApiPartnerResolver(http, options, bundle, fixture.Server.Time);
    }

    /// <summary>Onboards a partner through the server's onboarding service; returns its TLS leaf and the CA bundle it pins.</summary>
    private async Task<(PartnerIdentity Partner, X509Certificate2 Tls, X509Certificate2Collection Bundle)> OnboardAsync(string partnerId)
    {
        var partner = _pki.Partner(partnerId);
        using var key = RSA.Create(2048);
        var csr = new CertificateRequest($"CN={partnerId}, O=Kavach Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var result = await fixture.Server.Services.GetRequiredService<PartnerOnboardingService>().OnboardAsync(new PartnerOnboardingRequest(
            partnerId, "Kavach Tests", "AUTH", _pki.PartnerCa.Certificate.ExportCertificatePem(),
            partner.Signing.Certificate.ExportCertificatePem(), partner.Encryption.Certificate.ExportCertificatePem(),
            csr.CreateSigningRequestPem(), "IDA"), "operator", CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.Message);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(result.Value.TlsChain);
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPem(result.Value.CaBundle);
        return (partner, chain[0], bundle);
    }

    /// <summary>A TLS certificate from the server's partner TLS CA for an id the registry does not know.</summary>
    private async Task<X509Certificate2> IssueFromServerCaAsync(string partnerId)
    {
        using var key = RSA.Create(2048);
        var csr = new CertificateRequest($"CN={partnerId}, O=Kavach Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var issued = await fixture.Server.Services.GetRequiredService<PartnerTlsAuthority>()
            .IssueClientCertificateAsync(csr.CreateSigningRequestPem(), partnerId, "Kavach Tests", CancellationToken.None);
        Assert.True(issued.IsSuccess, issued.Error?.Message);
        return issued.Value.Certificate;
    }

    private async Task<JsonObject> RecordAsync(string partnerId)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Client.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.ServiceToken);
        var body = JsonNode.Parse(await http.GetStringAsync(new Uri($"v1/keymanager/partners/{partnerId}", UriKind.Relative)))!;
        Assert.True(body["errors"] is null || body["errors"]!.AsArray().Count == 0, body.ToJsonString());
        return body["response"]!.AsObject();
    }
}
