using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Crypto.Jose;

/// <summary>JWS compact serialization (RFC 7515) with RFC 7797 unencoded payloads, as MOSIP signs and verifies.</summary>
/// <remarks>
/// <para>
/// MOSIP quirk (spec §3.8 b, pitfall 12): with <c>b64=false</c> and an included payload, MOSIP's
/// <c>jwsSign</c> puts the base64url of the payload in part 1, although the signature covers the raw
/// payload. <see cref="Sign"/> reproduces that byte for byte. Such a token does not verify as received,
/// in MOSIP or here (RFC 7797 reads part 1 as the raw payload); the verifier supplies the payload, as
/// MOSIP's <c>jwtVerify</c> does with <c>actualData</c> (<see cref="JwsParts.WithPayloadPart"/>), or
/// decodes part 1 and calls <see cref="VerifyDetached"/>.
/// </para>
/// <para>
/// Verification refuses: any <c>alg</c> other than the five in <see cref="JwsAlgorithm"/> (so
/// <c>none</c> and HMAC never pass), a key of the wrong kind for the <c>alg</c>, <c>crit</c> naming
/// anything but <c>b64</c>, and <c>b64</c> without <c>crit:["b64"]</c> (RFC 7797 §6).
/// </para>
/// </remarks>
public static class JwsCompact
{
    private const string B64 = "b64";

    /// <summary>
    /// Signs and returns <c>b64url(header) "." (includePayload ? b64url(payload) : "") "." b64url(signature)</c>.
    /// </summary>
    /// <param name="header">Must carry one of the five <c>alg</c> values; its <c>b64</c> member (absent means true)
    /// must equal <paramref name="b64"/>, and with <c>b64=false</c> its <c>crit</c> must list <c>b64</c>.</param>
    /// <param name="payload">The payload bytes.</param>
    /// <param name="b64">True: the signing input carries <c>b64url(payload)</c>. False (RFC 7797): the raw payload.</param>
    /// <param name="includePayload">False gives the detached form <c>header..signature</c>.</param>
    /// <param name="signSigningInput">Signs the signing input and returns the raw JWS signature: RSA as is,
    /// ECDSA as IEEE P1363 <c>r || s</c> (64 bytes), Ed25519 64 bytes. See <see cref="JwsSigners"/>.</param>
    /// <exception cref="ArgumentException">The header is inconsistent with the arguments.</exception>
    /// <exception cref="CryptographicException">The signer returned a signature of the wrong length.</exception>
    public static string Sign(JoseHeader header, ReadOnlySpan<byte> payload, bool b64, bool includePayload, Func<byte[], byte[]> signSigningInput)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(signSigningInput);
        if (!JwsAlgorithms.TryParse(header.GetString("alg"), out JwsAlgorithm algorithm))
        {
            throw new ArgumentException("The header must carry alg RS256, PS256, ES256, ES256K or EdDSA.", nameof(header));
        }

        if ((header.GetBoolean(B64) ?? true) != b64 || (header.Contains(B64) && header.GetBoolean(B64) is null))
        {
            throw new ArgumentException("The header's b64 member must match the b64 argument.", nameof(header));
        }

        // RFC 7797 §6: a verifier that ignored b64 would read the token differently, so it must be critical.
        if (header.Contains(B64) && header.GetStrings("crit")?.Contains(B64) != true)
        {
            throw new ArgumentException("A header with b64 must list it in crit.", nameof(header));
        }

        string encodedHeader = Base64Url.Encode(header.ToUtf8Json());
        string encodedPayload = Base64Url.Encode(payload);
        byte[] signingInput = SigningInput(encodedHeader, b64 ? CompactSerialization.Ascii(encodedPayload) : payload);

        byte[] signature = signSigningInput(signingInput)
            ?? throw new CryptographicException("The signer returned no signature.");
        int expectedLength = JwsAlgorithms.FixedSignatureLength(algorithm);
        if (signature.Length == 0 || (expectedLength != 0 && signature.Length != expectedLength))
        {
            throw new CryptographicException($"The signer returned a signature of the wrong length for {algorithm.ToHeaderName()}.");
        }

        // The MOSIP quirk: part 1 is base64url even when b64=false (see the type's remarks).
        return string.Concat(encodedHeader, ".", includePayload ? encodedPayload : string.Empty, ".", Base64Url.Encode(signature));
    }

    /// <summary>
    /// Splits a compact JWS into exactly three parts (empty parts kept) and decodes the header and
    /// signature. False for anything malformed; the signature is not checked here.
    /// </summary>
    public static bool TryParse(string? compact, [NotNullWhen(true)] out JwsParts? parts)
    {
        parts = null;
        string[]? split = CompactSerialization.Split(compact, 3);
        if (split is null
            || !CompactSerialization.TryDecode(split[0], out byte[] headerJson)
            || !JoseHeader.TryParse(headerJson, out ParsedJoseHeader? header)
            || !CompactSerialization.TryDecode(split[2], out byte[] signature))
        {
            return false;
        }

        parts = new JwsParts(header, split[0], split[1], signature);
        return true;
    }

    /// <summary>
    /// Verifies with part 1 as it stands (replace it first with <see cref="JwsParts.WithPayloadPart"/> to
    /// reproduce MOSIP's <c>actualData</c>). A detached token verifies over an empty payload, which is
    /// almost never what the signer meant; use <see cref="VerifyDetached"/> for those.
    /// </summary>
    public static bool Verify(JwsParts parts, JwsVerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(key);
        byte[]? payloadSegment = parts.SigningInputPayload();
        return payloadSegment is not null && VerifyCore(parts, payloadSegment, key);
    }

    /// <summary>
    /// Verifies against a payload given as raw bytes, which replaces part 1: it enters the signing input as
    /// base64url when the header says <c>b64=true</c> and as is when <c>b64=false</c>.
    /// </summary>
    public static bool VerifyDetached(JwsParts parts, ReadOnlySpan<byte> payload, JwsVerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(key);
        return parts.Header.B64
            ? VerifyCore(parts, CompactSerialization.Ascii(Base64Url.Encode(payload)), key)
            : VerifyCore(parts, payload, key);
    }

    /// <summary>Verifies with the key of a certificate (its validity dates are the caller's business).</summary>
    public static bool Verify(JwsParts parts, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(certificate);
        using JwsVerificationKey? key = JwsVerificationKey.FromCertificate(certificate);
        return key is not null && Verify(parts, key);
    }

    private static bool VerifyCore(JwsParts parts, ReadOnlySpan<byte> payloadSegment, JwsVerificationKey key)
    {
        if (!JwsAlgorithms.TryParse(parts.Header.Alg, out JwsAlgorithm algorithm)
            || !key.Admits(algorithm)
            || !HasOnlyUnderstoodCriticalMembers(parts.Header))
        {
            return false;
        }

        byte[] signingInput = SigningInput(parts.EncodedHeader, payloadSegment);
        return key.Verify(algorithm, signingInput, parts.Signature.Span);
    }

    // RFC 7515 §4.1.11: a recipient must refuse a crit it does not understand. We understand only b64,
    // and RFC 7797 §6 requires b64 to be critical whenever it is present.
    private static bool HasOnlyUnderstoodCriticalMembers(ParsedJoseHeader header)
    {
        if (header.Crit is null)
        {
            return !header.Contains(B64);
        }

        return header.Crit.All(name => name == B64) && header.Contains(B64);
    }

    private static byte[] SigningInput(string encodedHeader, ReadOnlySpan<byte> payloadSegment)
    {
        byte[] input = new byte[encodedHeader.Length + 1 + payloadSegment.Length];
        int written = System.Text.Encoding.ASCII.GetBytes(encodedHeader, input);
        input[written] = (byte)'.';
        payloadSegment.CopyTo(input.AsSpan(written + 1));
        return input;
    }
}
