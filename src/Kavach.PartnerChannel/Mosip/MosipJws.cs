using System.Security.Cryptography;
using System.Text;
using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.PartnerChannel.Internal;
using Kavach.PartnerChannel.Keys;

namespace Kavach.PartnerChannel.Mosip;

/// <summary>
/// IDA's detached compact JWS over a body (<c>signature</c> and <c>response-signature</c> headers): the standard
/// signing input <c>b64url(header) "." b64url(body)</c>, part 1 left empty. Verification admits exactly <c>RS256</c>
/// with <c>x5c[0]</c> being the expected certificate, and refuses <c>crit</c>, <c>b64</c>, <c>jku</c>, <c>jwk</c> and
/// <c>x5u</c>: the key is never taken from the token.
/// </summary>
internal static class MosipJws
{
    public const string Algorithm = "RS256";

    private static readonly string[] Refused = ["crit", "b64", "jku", "jwk", "x5u"];

    /// <summary>The protected header we write: <c>alg</c>, <c>x5c</c> [certificate], <c>x5t#S256</c>.</summary>
    public static string EncodedHeader(ChannelCertificate signer) =>
        Base64Url.Encode(new JoseHeader()
            .Add("alg", Algorithm)
            .Add("x5c", [signer.X5cEntry])
            .Add("x5t#S256", signer.ThumbprintBase64Url)
            .ToUtf8Json());

    /// <summary>Signs <paramref name="body"/> and returns <c>header..signature</c>.</summary>
    public static async ValueTask<string> SignAsync(string encodedHeader, IChannelSigner signer, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        byte[] signingInput = SigningInput(encodedHeader, body.Span);
        byte[] signature = await signer.SignAsync(signingInput, cancellationToken).ConfigureAwait(false);
        return string.Concat(encodedHeader, "..", Base64Url.Encode(signature));
    }

    /// <summary>
    /// Null when <paramref name="jws"/> is a detached RS256 signature of <paramref name="body"/> by
    /// <paramref name="expected"/>, else the reason. <paramref name="signature"/> is the decoded signature when it
    /// parsed (the replay identifier hashes it).
    /// </summary>
    public static string? Verify(string? jws, ReadOnlySpan<byte> body, ChannelCertificate expected, out byte[] signature)
    {
        signature = [];
        if (string.IsNullOrEmpty(jws))
        {
            return "signature missing";
        }

        if (TryFastPath(jws, body, expected, out signature, out string? fastReason))
        {
            return fastReason;
        }

        if (!JwsCompact.TryParse(jws, out JwsParts? parts) || !parts.IsDetached)
        {
            return "signature is not a detached compact JWS";
        }

        ParsedJoseHeader header = parts.Header;
        if (header.Alg != Algorithm)
        {
            return "signature alg not allowed";
        }

        foreach (string member in Refused)
        {
            if (header.Contains(member))
            {
                return "signature header member not allowed: " + member;
            }
        }

        if (header.X5c is not { Count: > 0 } x5c || !X5cEntry.TryDecode(x5c[0], out byte[] der))
        {
            return "signature x5c missing or unreadable";
        }

        if (!expected.Matches(der))
        {
            return "signature certificate is not the registered one";
        }

        if (header.X5tS256 is not null && header.X5tS256 != expected.ThumbprintBase64Url)
        {
            return "signature x5t#S256 does not match x5c";
        }

        signature = parts.Signature.ToArray();
        byte[] signingInput = SigningInput(parts.EncodedHeader, body);
        if (!expected.Verify(signingInput, signature))
        {
            return "signature does not verify";
        }

        expected.AcceptedMosipHeader = parts.EncodedHeader;
        return null;
    }

    /// <summary>
    /// When the header part is, character for character, the last one that passed every check for this certificate,
    /// only the signature is left to check. False when the fast path does not apply (the full checks run).
    /// </summary>
    private static bool TryFastPath(string jws, ReadOnlySpan<byte> body, ChannelCertificate expected, out byte[] signature, out string? reason)
    {
        signature = [];
        reason = null;
        string? accepted = expected.AcceptedMosipHeader;
        if (accepted is null || jws.Length <= accepted.Length + 2 || !jws.AsSpan().StartsWith(accepted)
            || jws[accepted.Length] != '.' || jws[accepted.Length + 1] != '.')
        {
            return false;
        }

        string encodedSignature = jws[(accepted.Length + 2)..];

        // Only the canonical spelling: one signature, one text (so one replay identifier).
        if (encodedSignature.Contains('.', StringComparison.Ordinal)
            || !Base64Url.TryDecodeUrlSafe(encodedSignature, out byte[] decoded)
            || !string.Equals(Base64Url.Encode(decoded), encodedSignature, StringComparison.Ordinal))
        {
            return false;
        }

        signature = decoded;
        reason = expected.Verify(SigningInput(accepted, body), decoded) ? null : "signature does not verify";
        return true;
    }

    /// <summary><c>ASCII(encodedHeader) "." ASCII(b64url(body))</c>, written into one buffer.</summary>
    internal static byte[] SigningInput(string encodedHeader, ReadOnlySpan<byte> body)
    {
        int bodyLength = System.Buffers.Text.Base64Url.GetEncodedLength(body.Length);
        byte[] input = new byte[encodedHeader.Length + 1 + bodyLength];
        int written = Encoding.ASCII.GetBytes(encodedHeader, input);
        input[written++] = (byte)'.';
        System.Buffers.Text.Base64Url.EncodeToUtf8(body, input.AsSpan(written), out _, out int encoded);
        if (written + encoded != input.Length)
        {
            throw new CryptographicException("Base64url length mismatch.");
        }

        return input;
    }
}
