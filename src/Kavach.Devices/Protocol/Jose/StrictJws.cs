using System.Buffers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kavach.Crypto;

namespace Kavach.Devices.Protocol.Jose;

/// <summary>
/// Compact JWS with exactly <c>RS256</c> and the header <c>{alg, typ, x5c, kid?}</c> (spec §4.3). Signing goes through a
/// delegate so a vault, an HSM, a TPM, an FTM or a test key can sign; verification uses the key of <c>x5c[0]</c>.
/// </summary>
/// <remarks>
/// The algorithm is never taken from the token: anything but <c>RS256</c> (<c>none</c>, <c>HS256</c> keyed with the
/// certificate, <c>PS256</c>, <c>RS512</c>, <c>ES256</c>) is refused before any cryptography, as are <c>jku</c>,
/// <c>x5u</c>, <c>crit</c> and unknown members (RFC 8725 §3.1, §3.10).
/// </remarks>
public static class StrictJws
{
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal) { "alg", "typ", "x5c", "kid" };
    private static readonly HashSet<string> Required = new(StringComparer.Ordinal) { "alg", "typ", "x5c" };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // '+' in "dm-checkin+jwt" and in base64 stays literal, as every other JOSE library writes it.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>
    /// Signs <paramref name="payload"/> with RS256 and returns the compact JWS.
    /// </summary>
    /// <param name="typ">The explicit type (e.g. <c>dm-checkin+jwt</c>, <c>dm-resp+jwt</c>, <c>JWT</c>).</param>
    /// <param name="x5c">The signer's certificate first, then any intermediates; at most <see cref="DeviceJose.MaxChainLength"/>.</param>
    /// <param name="kid">The <c>kid</c> header, or null to leave it out (see <see cref="CertificateKid"/>).</param>
    /// <param name="payload">The payload bytes.</param>
    /// <param name="sign">Returns the RSASSA-PKCS1-v1_5 SHA-256 signature of the signing input.</param>
    /// <param name="cancellationToken">Cancels the signing.</param>
    /// <exception cref="ArgumentException">No certificate, too many, or a signer key that is not RSA of 2048 bits or more.</exception>
    /// <exception cref="CryptographicException">The signer returned no signature or one of the wrong length.</exception>
    public static async ValueTask<string> SignAsync(
        string typ,
        IReadOnlyList<X509Certificate2> x5c,
        string? kid,
        ReadOnlyMemory<byte> payload,
        Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> sign,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(typ);
        ArgumentNullException.ThrowIfNull(x5c);
        ArgumentNullException.ThrowIfNull(sign);
        if (x5c.Count is 0 or > DeviceJose.MaxChainLength)
        {
            throw new ArgumentException("x5c needs one to four certificates, signer first.", nameof(x5c));
        }

        int modulusBytes = RsaModulusBytes(x5c[0])
            ?? throw new ArgumentException("The signer certificate must carry an RSA key of at least 2048 bits.", nameof(x5c));

        string encodedHeader = Base64Url.Encode(Header(typ, x5c, kid));
        string signingText = string.Concat(encodedHeader, ".", Base64Url.Encode(payload.Span));
        byte[] signingInput = Encoding.ASCII.GetBytes(signingText);
        byte[] signature = await sign(signingInput, cancellationToken).ConfigureAwait(false)
            ?? throw new CryptographicException("The signer returned no signature.");
        if (signature.Length != modulusBytes)
        {
            throw new CryptographicException("The signer returned a signature that does not match the certificate's key.");
        }

        return string.Concat(signingText, ".", Base64Url.Encode(signature));
    }

    /// <summary>The <c>kid</c> the protocol writes for a certificate: lower-case hex SHA-256 of its DER.</summary>
    public static string CertificateKid(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span));
    }

    /// <summary>
    /// Parses a compact JWS strictly, without checking its signature: three canonical base64url parts; a header of
    /// exactly <c>{alg, typ, x5c, kid?}</c>; <c>alg</c> = <c>RS256</c>; <c>typ</c> = <paramref name="expectedTyp"/>;
    /// <c>x5c</c> an array of 1 to <paramref name="maxCertificates"/> padded base64 DER certificates whose first
    /// holds an RSA key of 2048 bits or more; <c>kid</c>, when present, the hex SHA-256 of <c>x5c[0]</c>.
    /// </summary>
    public static MessageCheck<StrictJwsToken> Parse(string? compact, string expectedTyp, int maxCertificates)
    {
        ArgumentException.ThrowIfNullOrEmpty(expectedTyp);
        string[]? parts = SplitCompact(compact, 3);
        if (parts is null
            || !StrictBase64.TryDecodeUrl(parts[0], out byte[]? headerJson)
            || !StrictBase64.TryDecodeUrl(parts[1], out byte[]? payload)
            || !StrictBase64.TryDecodeUrl(parts[2], out byte[]? signature))
        {
            return Refuse(MessageRefusal.Malformed, "JWS is not three canonical base64url parts");
        }

        if (!StrictJoseHeader.TryParse(headerJson, Allowed, Required, out StrictJoseHeader? header))
        {
            return Refuse(MessageRefusal.SignatureHeader, "JWS header is not exactly {alg, typ, x5c, kid?}");
        }

        if (!string.Equals(header.Alg, DeviceJose.Rs256, StringComparison.Ordinal))
        {
            return Refuse(MessageRefusal.Algorithm, "JWS alg is not RS256");
        }

        if (!string.Equals(header.Typ, expectedTyp, StringComparison.Ordinal))
        {
            return Refuse(MessageRefusal.MessageType, "JWS typ is not the route's");
        }

        IReadOnlyList<string> x5c = header.X5c!;
        if (x5c.Count < 1 || x5c.Count > Math.Min(maxCertificates, DeviceJose.MaxChainLength))
        {
            return Refuse(MessageRefusal.SignerCertificate, "x5c does not hold the allowed number of certificates");
        }

        var certificates = new List<X509Certificate2>(x5c.Count);
        foreach (string entry in x5c)
        {
            if (!TryLoadCertificate(entry, out X509Certificate2? certificate))
            {
                return Refuse(MessageRefusal.SignerCertificate, "x5c entry is not padded base64 of one DER certificate");
            }

            certificates.Add(certificate);
        }

        if (RsaModulusBytes(certificates[0]) is null)
        {
            return Refuse(MessageRefusal.SignerCertificate, "x5c[0] does not hold an RSA key of 2048 bits or more");
        }

        if (header.Kid is not null && !string.Equals(header.Kid, CertificateKid(certificates[0]), StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(MessageRefusal.SignerCertificate, "JWS kid does not name x5c[0]");
        }

        byte[] signingInput = Encoding.ASCII.GetBytes(string.Concat(parts[0], ".", parts[1]));
        return MessageCheck<StrictJwsToken>.Ok(new StrictJwsToken(header.Typ!, header.Kid, certificates, payload, signingInput, signature));
    }

    /// <summary>True when the token's RS256 signature verifies with the key of <paramref name="signer"/> (RSA, 2048 bits or more).</summary>
    public static bool VerifySignature(StrictJwsToken token, X509Certificate2 signer)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(signer);
        using RSA? rsa = signer.GetRSAPublicKey();
        if (rsa is null || rsa.KeySize < DeviceJose.MinimumRsaKeySize || token.Signature.Length != (rsa.KeySize + 7) / 8)
        {
            return false;
        }

        try
        {
            return rsa.VerifyData(token.SigningInput, token.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>True when the token's signature verifies with its own <c>x5c[0]</c>.</summary>
    public static bool VerifySignature(StrictJwsToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return VerifySignature(token, token.Signer);
    }

    internal static string[]? SplitCompact(string? compact, int expectedParts)
    {
        if (string.IsNullOrEmpty(compact) || compact.AsSpan().Count('.') != expectedParts - 1)
        {
            return null;
        }

        return compact.Split('.');
    }

    internal static bool TryLoadCertificate(string entry, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out X509Certificate2? certificate)
    {
        certificate = null;
        if (!StrictBase64.TryDecodeStandard(entry, out byte[]? der))
        {
            return false;
        }

        try
        {
            X509Certificate2 loaded = X509CertificateLoader.LoadCertificate(der);

            // Trailing bytes after the DER would let one certificate have many spellings.
            if (!loaded.RawDataMemory.Span.SequenceEqual(der))
            {
                loaded.Dispose();
                return false;
            }

            certificate = loaded;
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    internal static int? RsaModulusBytes(X509Certificate2 certificate)
    {
        try
        {
            using RSA? rsa = certificate.GetRSAPublicKey();
            return rsa is null || rsa.KeySize < DeviceJose.MinimumRsaKeySize ? null : (rsa.KeySize + 7) / 8;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static byte[] Header(string typ, IReadOnlyList<X509Certificate2> x5c, string? kid)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", DeviceJose.Rs256);
            writer.WriteString("typ", typ);
            writer.WriteStartArray("x5c");
            foreach (X509Certificate2 certificate in x5c)
            {
                writer.WriteStringValue(Convert.ToBase64String(certificate.RawDataMemory.Span));
            }

            writer.WriteEndArray();
            if (kid is not null)
            {
                writer.WriteString("kid", kid);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static MessageCheck<StrictJwsToken> Refuse(MessageRefusal refusal, string detail) =>
        MessageCheck<StrictJwsToken>.Refuse(DeviceMessageErrors.MessageRefused, refusal, detail);
}
