using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Kavach.Crypto;
using Kavach.Crypto.Jose;

namespace Kavach.Bench.Micro;

/// <summary>
/// JWS compact signing and verification in the formats the server produces: /jwtSign (RS256, x5c, detached),
/// /jwsSign (PS256, RFC 7797 b64:false), ES256; verification with a prepared key and from the certificate, as
/// /jwtVerify does with x5c. RSA/ECDSA dominate; the header and parsing rows show what is around them.
/// </summary>
[MemoryDiagnoser]
public class JoseBenchmarks
{
    // MOSIP's perf payload ewogICAiYW55S2V5IjogIlRlc3QgSnNvbiIKfQ.
    private static readonly byte[] Payload = "{\n   \"anyKey\": \"Test Json\"\n}"u8.ToArray();

    private RSA _rsa = null!;
    private ECDsa _ec = null!;
    private Func<byte[], byte[]> _rs256 = null!;
    private Func<byte[], byte[]> _ps256 = null!;
    private Func<byte[], byte[]> _es256 = null!;
    private string _x5c = null!;
    private string _rs256Token = null!;
    private string _rs256Detached = null!;
    private JwsParts _rs256Parts = null!;
    private JwsVerificationKey _rsaKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rsa = Fixtures.Rsa;
        _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _rs256 = JwsSigners.ForRsa(_rsa, JwsAlgorithm.RS256);
        _ps256 = JwsSigners.ForRsa(_rsa, JwsAlgorithm.PS256);
        _es256 = JwsSigners.ForECDsa(_ec, JwsAlgorithm.ES256);
        _x5c = JoseKeyIds.X5c(Fixtures.RsaCertificate.RawData);
        _rs256Token = JwsCompact.Sign(JwtHeader(), Payload, b64: true, includePayload: true, _rs256);
        _rs256Detached = JwsCompact.Sign(JwtHeader(), Payload, b64: true, includePayload: false, _rs256);
        _rs256Parts = JwsCompact.TryParse(_rs256Token, out var parts) ? parts : throw new InvalidOperationException("token does not parse");
        _rsaKey = JwsVerificationKey.FromRsa(_rsa);
    }

    /// <summary>/jwtSign's header: alg, x5c (one certificate), kid.</summary>
    [Benchmark]
    public byte[] HeaderJson() => JwtHeader().ToUtf8Json();

    /// <summary>/jwtSign: RS256, x5c, detached (MOSIP's perf request).</summary>
    [Benchmark]
    public string SignRs256Detached() => JwsCompact.Sign(JwtHeader(), Payload, b64: true, includePayload: false, _rs256);

    /// <summary>/jwsSign default: PS256, RFC 7797 b64:false, payload included (MOSIP's quirk).</summary>
    [Benchmark]
    public string SignPs256Unencoded() =>
        JwsCompact.Sign(new JoseHeader().Add("alg", "PS256").Add("b64", false).Add("crit", ["b64"]).Add("kid", "bench"), Payload, b64: false, includePayload: true, _ps256);

    /// <summary>ES256 (EC_SECP256R1_SIGN keys).</summary>
    [Benchmark]
    public string SignEs256() => JwsCompact.Sign(new JoseHeader().Add("alg", "ES256").Add("kid", "bench"), Payload, b64: true, includePayload: true, _es256);

    /// <summary>Parse a compact RS256 token with x5c (header JSON, base64url).</summary>
    [Benchmark]
    public bool Parse() => JwsCompact.TryParse(_rs256Token, out _);

    /// <summary>Verify RS256 with a prepared public key (RSA public operation).</summary>
    [Benchmark]
    public bool VerifyRs256PreparedKey() => JwsCompact.Verify(_rs256Parts, _rsaKey);

    /// <summary>/jwtVerify's path: parse, load the x5c certificate, import its key, verify the detached token.</summary>
    [Benchmark]
    public bool VerifyRs256FromX5c()
    {
        if (!JwsCompact.TryParse(_rs256Detached, out var parts) || !parts.Header.TryDecodeX5c(out var ders))
        {
            return false;
        }

        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(ders[0]);
        using var key = JwsVerificationKey.FromCertificate(certificate)!;
        return JwsCompact.VerifyDetached(parts, Payload, key);
    }

    private JoseHeader JwtHeader() => new JoseHeader().Add("alg", "RS256").Add("x5c", [_x5c]).Add("kid", "dGhpcyBpcyBhIGtleSBpZGVudGlmaWVy");
}
