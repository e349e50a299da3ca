using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.Keys.Signatures;
using Kavach.Keys.Tests.Support;

namespace Kavach.Keys.Tests.Signatures;

/// <summary>jwtVerify with signer certificates in x5c: the parsed-certificate cache is bounded and stays correct past its bound.</summary>
public sealed class JwtVerificationServiceTests : IDisposable
{
    private readonly KeyServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_flood_of_distinct_signer_certificates_past_the_cache_bound_verifies_each_one_correctly()
    {
        var verifier = new JwtVerificationService(_services.Ring, _services.Store, new NoTrustStore());
        using var first = Signer();
        var firstToken = Token(first, "first");

        Assert.True((await VerifyAsync(verifier, firstToken)).SignatureValid);
        for (var i = 0; i < 1100; i++)
        {
            using var signer = Signer();
            var token = Token(signer, $"payload {i}");
            Assert.True((await VerifyAsync(verifier, token)).SignatureValid);

            // The same certificate with another key's signature: the cached key must be the certificate's own.
            Assert.False((await VerifyAsync(verifier, Tamper(token))).SignatureValid);
        }

        // Long evicted by now: parsed again, and still right.
        Assert.True((await VerifyAsync(verifier, firstToken)).SignatureValid);
        Assert.False((await VerifyAsync(verifier, Tamper(firstToken))).SignatureValid);
    }

    private static async Task<VerificationResult> VerifyAsync(JwtVerificationService verifier, string token) =>
        KeyServices.Ok(await verifier.VerifyAsync(new VerifyRequest(token, null, null, null, null, false, null), v2: false, KeyServices.Ct));

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        Assert.True(Base64Url.TryDecodeUrlSafe(parts[2], out var signature));
        signature[10] ^= 1;
        return $"{parts[0]}.{parts[1]}.{Base64Url.Encode(signature)}";
    }

    private static (ECDsa Key, X509Certificate2 Certificate) Create()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=signer", key, HashAlgorithmName.SHA256);
        var start = KeyServices.Start;
        return (key, request.CreateSelfSigned(start.AddDays(-1), start.AddYears(1)));
    }

    private static Signing Signer() => new(Create());

    private static string Token(Signing signer, string payload) =>
        JwsCompact.Sign(
            new JoseHeader().Add("alg", "ES256").Add("x5c", [Convert.ToBase64String(signer.Certificate.RawData)]),
            Encoding.UTF8.GetBytes(payload),
            b64: true,
            includePayload: true,
            input => signer.Key.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    private sealed class Signing((ECDsa Key, X509Certificate2 Certificate) made) : IDisposable
    {
        public ECDsa Key { get; } = made.Key;

        public X509Certificate2 Certificate { get; } = made.Certificate;

        public void Dispose()
        {
            Key.Dispose();
            Certificate.Dispose();
        }
    }
}
