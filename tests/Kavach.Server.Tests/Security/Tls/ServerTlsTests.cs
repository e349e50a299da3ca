using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Kavach.Hosting.Web.Tls;
using Kavach.Server.Tests.Audit;
using Kavach.Server.Tests.Support;
using Kavach.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Server.Tests.Security.Tls;

/// <summary>
/// HTTPS with the server certificate issued from our own hierarchy (leaf → KERNEL → ROOT), TLS 1.2 and 1.3 only,
/// checked with .NET and with the openssl command; an operator-supplied certificate; the plain-HTTP rule.
/// </summary>
public sealed class ServerTlsTests
{
    [Fact]
    public async Task Issued_certificate_serves_TLS_1_2_and_1_3_chains_to_ROOT_and_survives_a_restart()
    {
        using var dir = new TempDirectory("kavach-tls");
        string thumbprint;
        await using (var server = await StartHttpsAsync(dir.Path))
        {
            var https = server.Addresses.Single(a => a.Scheme == Uri.UriSchemeHttps);
            using var root = X509Certificate2.CreateFromPem((await server.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Body.Field("certificate"));
            using var kernel = X509Certificate2.CreateFromPem((await server.GetAsync("/v1/keymanager/getCertificate?applicationId=KERNEL")).Body.Field("certificate"));

            foreach (var protocol in new[] { SslProtocols.Tls12, SslProtocols.Tls13 })
            {
                var (negotiated, leaf, status) = await TlsTestClient.GetAsync(https, protocol, root);
                Assert.Equal(protocol, negotiated);
                Assert.StartsWith("HTTP/1.1 200", status, StringComparison.Ordinal);
                AssertServerProfile(leaf, kernel);
            }

            var served = (await TlsTestClient.GetAsync(https, SslProtocols.Tls13, root)).Leaf;
            thumbprint = served.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
            var alias = Assert.Single(await server.Runtime.Store.GetAliasesAsync("KAVACH_TLS", "SSL", CancellationToken.None));
            Assert.Equal(thumbprint, alias.CertThumbprint);
            Assert.Contains(await AuditTestSupport.RecordsAsync(server), r => r.Entry.Operation == "key.generate.tls" && r.Entry.KeyRef == "alias:" + alias.Id);

            await OpenSslAsync(https, root);
            await AssertNotUsableByTheApiAsync(server, Convert.FromHexString(thumbprint));
        }

        // The key and certificate live in the database (wrapped by the KERNEL master): a restart serves the same one.
        await using (var again = await StartHttpsAsync(dir.Path))
        {
            var https = again.Addresses.Single(a => a.Scheme == Uri.UriSchemeHttps);
            using var root = X509Certificate2.CreateFromPem((await again.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Body.Field("certificate"));
            var leaf = (await TlsTestClient.GetAsync(https, SslProtocols.Tls12 | SslProtocols.Tls13, root)).Leaf;
            Assert.Equal(thumbprint, leaf.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
        }
    }

    [Fact]
    public async Task Operator_supplied_PEM_certificate_is_served()
    {
        using var dir = new TempDirectory("kavach-tls-pem");
        var (code, _, error) = await ExternalTool.OpenSslAsync("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", dir.File("server.key"), "-out", dir.File("server.pem"), "-days", "30", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-addext", "extendedKeyUsage=serverAuth");
        Assert.True(code == 0, error);
        using var supplied = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(dir.File("server.pem")));
        await using var server = await TestServer.StartAsync(extraArgs:
        [
            "--urls=http://127.0.0.1:0;https://127.0.0.1:0",
            $"--Kavach:Tls:CertificatePath={dir.File("server.pem")}",
            $"--Kavach:Tls:KeyPath={dir.File("server.key")}",
        ]);
        var https = server.Addresses.Single(a => a.Scheme == Uri.UriSchemeHttps);
        var (_, leaf, status) = await TlsTestClient.GetAsync(https, SslProtocols.Tls13, supplied);
        Assert.Equal(supplied.Thumbprint, leaf.Thumbprint);
        Assert.StartsWith("HTTP/1.1 200", status, StringComparison.Ordinal);
        Assert.Empty(await server.Runtime.Store.GetAliasesAsync("KAVACH_TLS", "SSL", CancellationToken.None));
    }

    [Fact]
    public void Only_TLS_1_2_and_1_3_are_configured()
    {
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, TlsServerExtensions.Protocols);
        var options = new Microsoft.AspNetCore.Server.Kestrel.Https.HttpsConnectionAdapterOptions();
        TlsServerExtensions.Configure(options, new TlsCertificateProvider(), [new HttpsEndpointHook(o => o.SslProtocols = SslProtocols.None)]);
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, options.SslProtocols);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8088", true)]
    [InlineData("http://*:8088", true)]
    [InlineData("http://+:8088", true)]
    [InlineData("http://[::]:8088", true)]
    [InlineData("http://10.1.2.3:8088", true)]
    [InlineData("http://kavach.example:8088", true)]
    [InlineData("http://localhost:8088", false)]
    [InlineData("http://127.0.0.1:0", false)]
    [InlineData("http://127.9.9.9:80", false)]
    [InlineData("http://[::1]:8088", false)]
    [InlineData("https://0.0.0.0:8443", false)]
    public void Plain_HTTP_is_refused_off_loopback(string url, bool refused) => Assert.Equal(refused, PlainHttpGuard.IsPlainNonLoopback(url));

    [Fact]
    public async Task A_server_on_a_non_loopback_plain_HTTP_address_does_not_start_without_the_override()
    {
        using var dir = new TempDirectory("kavach-tls-guard");
        var error = Assert.Throws<Kavach.Hosting.Composition.KavachConfigurationException>(() => KavachServer.Build(["--urls=http://0.0.0.0:0", $"--Kavach:DataDir={dir.Path}"]));
        Assert.Contains("AllowPlainHttp", error.Message, StringComparison.Ordinal);

        await using var allowed = KavachServer.Build(["--urls=http://0.0.0.0:0", $"--Kavach:DataDir={dir.Path}", "--Kavach:Tls:AllowPlainHttp=true"]);
        await using var https = KavachServer.Build(["--urls=https://0.0.0.0:0", $"--Kavach:DataDir={dir.Path}"]);
    }

    private static async Task<TestServer> StartHttpsAsync(string dataDirectory)
    {
        var server = await TestServer.StartAsync(dataDirectory, extraArgs: ["--urls=http://127.0.0.1:0;https://127.0.0.1:0"]);
        var ready = server.Services.GetRequiredService<TlsCertificateProvider>().Ready;
        Assert.True(await Task.WhenAny(ready, Task.Delay(TimeSpan.FromMinutes(1))) == ready, "The TLS certificate was not ready.");
        return server;
    }

    private static async Task AssertNotUsableByTheApiAsync(TestServer server, byte[] thumbprint)
    {
        // The SSL key is no encryption or signature key: decrypt and sign refuse it.
        var envelope = Kavach.Crypto.Base64Url.Encode([.. "VER_R2"u8, .. thumbprint, .. new byte[256], .. "#KEY_SPLITTER#"u8, .. new byte[64]]);
        var (_, decrypt) = await server.PostAsync("/v1/keymanager/decrypt", new { applicationId = "KAVACH_TLS", referenceId = "SSL", timeStamp = AuditTestSupport.TimeStamp, data = envelope });
        Assert.Contains(decrypt.ErrorCode(), new[] { "KER-CRY-012", "KER-KMS-018", "KER-KMS-007" });
        var (_, sign) = await server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Kavach.Crypto.Base64Url.Encode("{}"u8), applicationId = "KAVACH_TLS", referenceId = "SSL" });
        Assert.Contains(sign.ErrorCode(), new[] { "KER-JWS-108", "KER-KMS-020" });
    }

    private static void AssertServerProfile(X509Certificate2 leaf, X509Certificate2 kernel)
    {
        Assert.Equal(kernel.SubjectName.RawData, leaf.IssuerName.RawData);
        var usage = Assert.Single(leaf.Extensions.OfType<X509KeyUsageExtension>());
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, usage.KeyUsages);
        var eku = Assert.Single(leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Contains(eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(), oid => oid.Value == "1.3.6.1.5.5.7.3.1");
        var names = TlsCertificateProfile.NamesOf(leaf);
        Assert.Contains("localhost", names);
        Assert.Contains("127.0.0.1", names);
        Assert.False(Assert.Single(leaf.Extensions.OfType<X509BasicConstraintsExtension>()).CertificateAuthority);
    }

    private static async Task OpenSslAsync(Uri https, X509Certificate2 root)
    {
        using var dir = new TempDirectory("kavach-tls-openssl");
        await File.WriteAllTextAsync(dir.File("root.pem"), root.ExportCertificatePem());
        var connect = $"127.0.0.1:{https.Port}";

        // openssl verifies the served chain against our ROOT alone: the server must send the KERNEL intermediate.
        foreach (var version in new[] { "-tls1_2", "-tls1_3" })
        {
            var (_, stdout, stderr) = await ExternalTool.RunAsync("openssl", ["s_client", "-connect", connect, "-servername", "localhost", version, "-CAfile", dir.File("root.pem"), "-verify_return_error"], string.Empty);
            Assert.True(stdout.Contains("Verify return code: 0 (ok)", StringComparison.Ordinal), stdout + stderr);
        }

        // TLS 1.1 is refused by the server: SECLEVEL=0 lets this OpenSSL offer it, and the server answers with the
        // protocol_version alert (70) without sending a certificate.
        var (_, old, oldError) = await ExternalTool.RunAsync("openssl", ["s_client", "-connect", connect, "-servername", "localhost", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0", "-CAfile", dir.File("root.pem")], string.Empty);
        Assert.True(oldError.Contains("alert protocol version", StringComparison.Ordinal), old + oldError);
        Assert.Contains("no peer certificate available", old, StringComparison.Ordinal);
        Assert.Contains("Cipher is (NONE)", old, StringComparison.Ordinal);
    }
}
