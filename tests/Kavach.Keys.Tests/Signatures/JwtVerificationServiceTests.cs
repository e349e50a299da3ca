using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.Keys.Errors;
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

    [Fact]
    public async Task A_partner_putting_its_PEM_in_x5c_as_unpadded_base64url_verifies_at_every_encoded_length()
    {
        var verifier = new JwtVerificationService(_services.Ring, _services.Store, new NoTrustStore());
        var lengthsModFour = new HashSet<int>();

        // OpenCRVS's MOSIP client does this; MOSIP accepts it, so its partners' tokens must verify here too. Subject
        // lengths, serial numbers and signature lengths move the encoded length through every value base64 allows.
        for (var i = 0; lengthsModFour.Count < 3 && i < 60; i++)
        {
            using var signer = Signer("CN=partner" + new string('x', i % 3));
            var entry = Base64Url.Encode(Encoding.ASCII.GetBytes(PemEncoding.WriteString("CERTIFICATE", signer.Certificate.RawData)));
            lengthsModFour.Add(entry.Length % 4);
            var token = Token(signer, "pem in x5c", entry);

            Assert.True((await VerifyAsync(verifier, token)).SignatureValid, $"length mod 4 = {entry.Length % 4}");
            Assert.False((await VerifyAsync(verifier, Tamper(token))).SignatureValid);
        }

        Assert.Equal(3, lengthsModFour.Count);
    }

    [Fact]
    public async Task An_x5c_entry_that_is_not_a_certificate_is_refused_as_invalid_signature_data()
    {
        var verifier = new JwtVerificationService(_services.Ring, _services.Store, new NoTrustStore());
        using var signer = Signer();

        foreach (var entry in new[] { "MA$$", Base64Url.Encode("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"u8), "AAEC" })
        {
            var result = await verifier.VerifyAsync(new VerifyRequest(Token(signer, "x", entry), null, null, null, null, false, null), v2: false, KeyServices.Ct);

            Assert.False(result.IsSuccess);
            Assert.Equal(ErrorCodes.VerifyInputInvalid, result.Error);
        }
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

    private static (ECDsa Key, X509Certificate2 Certificate) Create(string subject)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var start = KeyServices.Start;
        return (key, request.CreateSelfSigned(start.AddDays(-1), start.AddYears(1)));
    }

    private static Signing Signer(string subject = "CN=signer") => new(Create(subject));

    private static string Token(Signing signer, string payload, string? x5cEntry = null) =>
        JwsCompact.Sign(
            new JoseHeader().Add("alg", "ES256").Add("x5c", [x5cEntry ?? Convert.ToBase64String(signer.Certificate.RawData)]),
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
