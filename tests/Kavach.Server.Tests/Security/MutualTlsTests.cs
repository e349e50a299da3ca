using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Server.Tests.Security.Support;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Security;

/// <summary>
/// Partner mTLS over a real HTTPS endpoint: certificates made by openssl, CAs uploaded to the trust store by the admin.
/// Only a time-valid client certificate with a trust path in a configured partner domain (AUTH) authenticates.
/// </summary>
public sealed class MutualTlsTests : IClassFixture<MutualTlsTests.Pki>
{
    private readonly Pki _pki;

    public MutualTlsTests(Pki pki) => _pki = pki;

    private PartnerPki Auth => _pki.Auth;

    private PartnerPki Device => _pki.Device;

    private PartnerPki Stranger => _pki.Stranger;

    private TestServer Server => _pki.Server;

    [Fact]
    public async Task A_trusted_partner_certificate_authenticates_with_the_partner_role()
    {
        using var certificate = await Auth.IssueClientAsync("partner-ida-1");
        var (status, body) = await SendAsync(certificate, HttpMethod.Get, "/v1/keymanager/getCertificate?applicationId=ROOT");
        Assert.True(status == 200, body);
        Assert.Contains("BEGIN CERTIFICATE", body, StringComparison.Ordinal);

        // PARTNER may encrypt for us and read certificates, not decrypt or administer.
        Assert.Equal(200, (await SendAsync(certificate, HttpMethod.Post, "/v1/keymanager/encrypt")).Status);
        (status, body) = await SendAsync(certificate, HttpMethod.Post, "/v1/keymanager/decrypt");
        Assert.Equal(403, status);
        Assert.Equal("KER-ATH-403", EnvelopeAssert.ErrorCode(body));
        Assert.Equal(403, (await SendAsync(certificate, HttpMethod.Post, "/v1/keymanager/generateMasterKey/CERTIFICATE")).Status);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_401()
    {
        using var certificate = await Stranger.IssueClientAsync("partner-unknown");
        await AssertRefusedAsync(certificate);
    }

    [Fact]
    public async Task An_expired_certificate_is_401()
    {
        using var certificate = await Auth.IssueClientAsync("partner-expired", notBefore: DateTime.UtcNow.AddDays(-400), notAfter: DateTime.UtcNow.AddDays(-35));
        await AssertRefusedAsync(certificate);
    }

    [Fact]
    public async Task A_certificate_trusted_only_in_another_domain_is_401()
    {
        using var certificate = await Device.IssueClientAsync("device-provider-1");
        await AssertRefusedAsync(certificate);
    }

    [Fact]
    public async Task A_CA_certificate_or_a_server_certificate_is_not_a_client_identity()
    {
        using var ca = Auth.CaWithKey;
        await AssertRefusedAsync(ca);
        using var server = await Auth.IssueClientAsync("not-a-client", profile: "server");
        await AssertRefusedAsync(server);
    }

    [Fact]
    public async Task Without_a_certificate_HTTPS_needs_a_token_and_a_token_decides_alone()
    {
        Assert.Equal(401, (await SendAsync(null, HttpMethod.Get, "/v1/keymanager/getCertificate?applicationId=ROOT")).Status);
        var token = await Server.IssueTokenAsync("https-user", ["RESIDENT"]);
        Assert.Equal(200, (await SendAsync(null, HttpMethod.Get, "/v1/keymanager/getCertificate?applicationId=ROOT", token)).Status);

        // A trusted certificate does not rescue a bad token.
        using var certificate = await Auth.IssueClientAsync("partner-ida-2");
        Assert.Equal(401, (await SendAsync(certificate, HttpMethod.Get, "/v1/keymanager/getCertificate?applicationId=ROOT", "bad-token")).Status);
    }

    private async Task AssertRefusedAsync(X509Certificate2 certificate)
    {
        var (status, body) = await SendAsync(certificate, HttpMethod.Get, "/v1/keymanager/getCertificate?applicationId=ROOT");
        Assert.Equal(401, status);
        Assert.Equal("KER-ATH-401", EnvelopeAssert.ErrorCode(body));
        Assert.Null(EnvelopeAssert.Problem(status, body));
    }

    private async Task<(int Status, string Body)> SendAsync(X509Certificate2? certificate, HttpMethod method, string path, string? token = null)
    {
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == _pki.ServerThumbprint,
                LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
                ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = _pki.Https, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (method != HttpMethod.Get)
        {
            request.Content = new StringContent("{\"id\":\"x\",\"version\":\"1.0\",\"requesttime\":\"2025-01-01T10:00:00.000Z\",\"request\":{}}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Three partner CAs (AUTH, DEVICE, unknown) and an HTTPS server whose trust store knows the first two.</summary>
    public sealed class Pki : IAsyncLifetime
    {
        public PartnerPki Auth { get; private set; } = null!;

        public PartnerPki Device { get; private set; } = null!;

        public PartnerPki Stranger { get; private set; } = null!;

        public TestServer Server { get; private set; } = null!;

        public Uri Https { get; private set; } = null!;

        public string ServerThumbprint { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            Auth = await PartnerPki.CreateAsync("Auth Partner CA");
            Device = await PartnerPki.CreateAsync("Device Partner CA");
            Stranger = await PartnerPki.CreateAsync("Unknown CA");
            var (serverCertificate, serverKey) = await Stranger.IssueFilesAsync("localhost", "server");
            using (var pem = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(serverCertificate)))
            {
                ServerThumbprint = pem.GetCertHashString();
            }

            Server = await TestServer.StartAsync(extraArgs:
            [
                "--urls=http://127.0.0.1:0;https://127.0.0.1:0",
                $"--Kavach:Tls:CertificatePath={serverCertificate}",
                $"--Kavach:Tls:KeyPath={serverKey}",
                "--Kavach:Security:Mtls:Domains=AUTH",
                .. SecurityArgs.HighRateLimits,
            ]);
            Https = Server.Addresses.Single(a => a.Scheme == Uri.UriSchemeHttps);
            await UploadCaAsync(Auth.CaPem, "AUTH");
            await UploadCaAsync(Device.CaPem, "DEVICE");
        }

        public async Task DisposeAsync()
        {
            await Server.DisposeAsync();
            Auth.Dispose();
            Device.Dispose();
            Stranger.Dispose();
        }

        private async Task UploadCaAsync(string pem, string domain)
        {
            var (status, body) = await Server.PostAsync("/v1/keymanager/uploadCACertificate", new { certificateData = pem, partnerDomain = domain });
            Assert.Equal(200, status);
            Assert.True(body["errors"] is null, body.ToJsonString());
        }
    }
}
