using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Server.Tests.Support;
using Kavach.Testing;
using Kavach.Trust.Certificates;

namespace Kavach.Server.Tests.Trust;

/// <summary>The trust store's endpoints as the tests call them, and what the tests do with the answers.</summary>
public static class TrustHttp
{
    public const string Api = "/v1/keymanager";

    public static async Task<JsonNode> UploadCaAsync(this TestServer server, string certificateData, string domain) =>
        (await server.PostAsync($"{Api}/uploadCACertificate", new { certificateData, partnerDomain = domain })).Body;

    public static async Task<JsonNode> UploadPartnerAsync(this TestServer server, string certificateData, string domain, string organizationName = Pki.PartnerPki.Organization) =>
        (await server.PostAsync($"{Api}/uploadPartnerCertificate", new { certificateData, organizationName, partnerDomain = domain })).Body;

    public static async Task<JsonNode> VerifyTrustAsync(this TestServer server, string certificateData, string domain) =>
        (await server.PostAsync($"{Api}/verifyCertificateTrust", new { certificateData, partnerDomain = domain })).Body;

    public static async Task<JsonNode> UploadCrlAsync(this TestServer server, string crlData, string? domain = null) =>
        (await server.PostAsync($"{Api}/uploadCRL", new { crlData, partnerDomain = domain })).Body;

    public static async Task<JsonNode> ListCasAsync(this TestServer server, object request) =>
        (await server.PostAsync($"{Api}/getCaCertificates", request)).Body;

    /// <summary>Uploads the partner root and issuing CA to <paramref name="domain"/> unless they are there already.</summary>
    public static async Task EnsureHierarchyAsync(this TestServer server, Pki.PartnerPki pki, string domain)
    {
        foreach (var pem in new[] { pki.Root.CertificatePem, pki.Issuing.CertificatePem })
        {
            var body = await server.UploadCaAsync(pem, domain);
            if (body["errors"] is not null)
            {
                Assert.Equal("KER-PCM-003", body.ErrorCode());
            }
        }
    }

    /// <summary>The <c>status</c> of a trust check.</summary>
    public static bool Trusted(this JsonNode body) => body.Response()["status"]!.GetValue<bool>();

    /// <summary>The certificates of a base64url DER p7b, in order.</summary>
    public static IReadOnlyList<X509Certificate2> P7b(string base64Url)
    {
        Assert.True(Base64Url.TryDecodeUrlSafe(base64Url, out var der), "signedCertificateData is not base64url");
        Assert.True(CertsOnlyPkcs7.TryDecode(der, out var certificates), "signedCertificateData is not a PKCS#7");
        return certificates;
    }

    /// <summary>The certificates of a PEM PKCS7 block.</summary>
    public static IReadOnlyList<X509Certificate2> PemP7b(string pem)
    {
        Assert.StartsWith("-----BEGIN PKCS7-----", pem, StringComparison.Ordinal);
        var der = PemEncoding.Find(pem);
        Assert.True(CertsOnlyPkcs7.TryDecode(Convert.FromBase64String(pem[der.Base64Data]), out var certificates));
        return certificates;
    }

    /// <summary>A compact JWS (RS256) over a small JSON payload, made by python jwcrypto with <paramref name="privateKeyPem"/>; with x5c when given.</summary>
    public static async Task<string> JwcryptoSignAsync(string privateKeyPem, string? x5cCertificatePem = null)
    {
        using var dir = new TempDirectory("kavach-jws");
        await File.WriteAllTextAsync(dir.File("key.pem"), privateKeyPem);
        var x5c = x5cCertificatePem is null ? string.Empty : Convert.ToBase64String(X509Certificate2.CreateFromPem(x5cCertificatePem).RawData);
        return await Python.RunAsync(
            "import sys\nfrom jwcrypto import jwk, jws\nkey = jwk.JWK.from_pem(open(sys.argv[1],'rb').read())\n" +
            "t = jws.JWS(b'{\"partner\":\"data\"}')\nheader = {'alg':'RS256'}\nif sys.argv[2]:\n    header['x5c'] = [sys.argv[2]]\n" +
            "t.add_signature(key, None, header)\nprint(t.serialize(compact=True))",
            dir.File("key.pem"),
            x5c);
    }

    /// <summary>DER of the first PEM block of <paramref name="pem"/> as base64url (the other form the endpoints accept).</summary>
    public static string PemToBase64Url(string pem)
    {
        var fields = PemEncoding.Find(pem);
        return Base64Url.Encode(Convert.FromBase64String(pem[fields.Base64Data]));
    }
}
