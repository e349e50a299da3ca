using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Kavach.PartnerChannel.Remote;
using Kavach.Server.Tests.Support;
using Kavach.Testing.PartnerChannel;

namespace Kavach.Server.Tests.PartnerChannel;

/// <summary>
/// The remote partner resolver: TLS chain to the partner TLS CA bundle, the registry's record (status, serials) and the
/// real server's <c>verifyCertificateTrust</c> in the partner's domain.
/// </summary>
public sealed class KavachApiPartnerResolverTests(RemoteChannelFixture fixture) : IClassFixture<RemoteChannelFixture>, IDisposable
{
    private readonly PartnerChannelPki _pki = PartnerChannelPki.Create();
    private readonly PartnerRegistryStub _registry = new();

    [Fact]
    public async Task An_active_partner_with_its_serial_and_trusted_certificates_resolves()
    {
        var partner = await RegisterAsync("partner-one");

        var resolved = await Resolver().ResolveAsync(partner.Tls.Certificate, CancellationToken.None);

        Assert.NotNull(resolved);
        Assert.Equal("partner-one", resolved.PartnerId);
        Assert.Equal("Partner One Ltd", resolved.Organization);
        Assert.Equal("AUTH", resolved.Domain);
        Assert.Equal(partner.Signing.Certificate.RawData, resolved.SigningCertificate.RawData);
        Assert.Equal(partner.Encryption.Certificate.RawData, resolved.EncryptionCertificate.RawData);
    }

    [Fact]
    public async Task A_revoked_partner_is_not_resolved()
    {
        var partner = await RegisterAsync("partner-revoked");
        _registry.Partners["partner-revoked"]["status"] = "REVOKED";

        Assert.Null(await Resolver().ResolveAsync(partner.Tls.Certificate, CancellationToken.None));
    }

    [Fact]
    public async Task A_TLS_certificate_whose_serial_the_registry_no_longer_lists_is_not_resolved()
    {
        var partner = await RegisterAsync("partner-renewed");
        _registry.Partners["partner-renewed"]["tlsCertificateSerials"] = new JsonArray("0A1B2C");

        Assert.Null(await Resolver().ResolveAsync(partner.Tls.Certificate, CancellationToken.None));
    }

    [Fact]
    public async Task A_TLS_certificate_from_another_CA_is_refused_before_the_registry_is_asked()
    {
        await RegisterAsync("partner-rogue");
        var rogue = _pki.Partner("partner-rogue", _pki.RogueTlsCa);

        Assert.Null(await Resolver().ResolveAsync(rogue.Tls.Certificate, CancellationToken.None));
        Assert.Equal(0, _registry.Lookups);
    }

    [Fact]
    public async Task A_signature_certificate_without_a_trust_path_in_the_domain_is_not_resolved()
    {
        var partner = await RegisterAsync("partner-untrusted");
        _registry.Partners["partner-untrusted"]["signingCertificate"] = _pki.Foreign.Certificate.ExportCertificatePem();

        Assert.Null(await Resolver().ResolveAsync(partner.Tls.Certificate, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_partner_is_not_resolved()
    {
        var stranger = _pki.Partner("partner-unknown");

        Assert.Null(await Resolver().ResolveAsync(stranger.Tls.Certificate, CancellationToken.None));
        Assert.Equal(1, _registry.Lookups);
    }

    [Fact]
    public async Task An_unreachable_server_is_an_infrastructure_fault()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var resolver = new KavachApiPartnerResolver(http, new KavachApiOptions(), [_pki.TlsCa.Certificate], fixture.Server.Time);

        await Assert.ThrowsAsync<KavachApiUnavailableException>(async () =>
            await resolver.ResolveAsync(_pki.Partner("partner-x").Tls.Certificate, CancellationToken.None));
    }

    public void Dispose()
    {
        _registry.Dispose();
        _pki.Dispose();
    }

    private KavachApiPartnerResolver Resolver()
    {
        var http = new HttpClient(_registry, disposeHandler: false) { BaseAddress = fixture.Server.Client.BaseAddress };
        var options = new KavachApiOptions { AccessToken = _ => ValueTask.FromResult(fixture.ServiceToken) };
        return new KavachApiPartnerResolver(http, options, new X509Certificate2Collection(_pki.TlsCa.Certificate), fixture.Server.Time);
    }

    /// <summary>Uploads the partner CA to AUTH and puts an ACTIVE record with the TLS serial in the registry.</summary>
    private async Task<PartnerIdentity> RegisterAsync(string partnerId)
    {
        var partner = _pki.Partner(partnerId);
        var (_, upload) = await fixture.Server.PostAsync("/v1/keymanager/uploadCACertificate", new
        {
            certificateData = _pki.PartnerCa.Certificate.ExportCertificatePem(),
            partnerDomain = "AUTH",
        });
        Assert.True(upload["errors"] is null || upload.ErrorCode() == "KER-PCM-003", upload.ToJsonString());
        _registry.Partners[partnerId] = new JsonObject
        {
            ["partnerId"] = partnerId,
            ["organizationName"] = "Partner One Ltd",
            ["partnerDomain"] = "AUTH",
            ["applicationId"] = "IDA",
            ["status"] = "ACTIVE",
            ["signingCertificate"] = partner.Signing.Certificate.ExportCertificatePem(),
            ["encryptionCertificate"] = partner.Encryption.Certificate.ExportCertificatePem(),
            ["tlsCertificateSerials"] = new JsonArray("0" + partner.Tls.Certificate.SerialNumber.ToLowerInvariant()),
            ["tlsNotAfter"] = partner.Tls.Certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        return partner;
    }
}
