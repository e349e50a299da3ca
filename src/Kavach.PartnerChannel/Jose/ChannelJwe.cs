using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Kavach.Crypto.Jose;

namespace Kavach.PartnerChannel.Jose;

/// <summary>
/// The <c>kavach</c> profile's bodies: compact JWE, <c>alg</c> <c>RSA-OAEP-256</c>, <c>enc</c> <c>A256GCM</c>,
/// <c>kid</c> the base64url SHA-256 of the recipient's encryption certificate, <c>cty</c> the plaintext's media type.
/// Decryption refuses any other <c>alg</c> or <c>enc</c>, <c>zip</c>, <c>crit</c>, and a <c>kid</c> that is not ours
/// before any private-key operation. Public so every <see cref="Keys.IChannelDecryptor"/> decrypts the same way.
/// </summary>
public static class ChannelJwe
{
    /// <summary>The media type of a JWE body.</summary>
    public const string MediaType = "application/jose";

    /// <summary>Encrypts <paramref name="plaintext"/> to <paramref name="recipientKey"/> whose thumbprint is <paramref name="recipientKid"/>.</summary>
    public static string Encrypt(ReadOnlySpan<byte> plaintext, string contentType, RSA recipientKey, string recipientKid)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        ArgumentException.ThrowIfNullOrEmpty(recipientKid);
        var header = new JoseHeader()
            .Add("alg", JweCompact.KeyManagementAlgorithm)
            .Add("enc", JweCompact.ContentEncryptionAlgorithm)
            .Add("kid", recipientKid)
            .Add("cty", contentType);
        return JweCompact.Encrypt(header, plaintext, recipientKey, deflate: false);
    }

    /// <summary>
    /// Decrypts a token addressed to <paramref name="ourKid"/>; false (no detail) on any failure.
    /// </summary>
    /// <param name="compact">The token.</param>
    /// <param name="ourKid">Base64url SHA-256 of our encryption certificate.</param>
    /// <param name="unwrapCek">RSA-OAEP-256 decryption of the CEK (null or <see cref="CryptographicException"/> when it fails).</param>
    /// <param name="plaintext">The plaintext when true; the caller owns it.</param>
    public static bool TryDecrypt(string? compact, string ourKid, Func<byte[], byte[]?> unwrapCek, [NotNullWhen(true)] out byte[]? plaintext)
    {
        plaintext = null;
        if (!HasAcceptableHeader(compact, ourKid))
        {
            return false;
        }

        if (!JweCompact.TryDecrypt(compact, unwrapCek, out _, out byte[] opened))
        {
            return false;
        }

        plaintext = opened;
        return true;
    }

    /// <summary>
    /// True when the token's header is one this channel accepts: <c>RSA-OAEP-256</c>, <c>A256GCM</c>, no <c>zip</c>,
    /// no <c>crit</c>, and <c>kid</c> equal to <paramref name="ourKid"/>. The middleware checks it before handing a
    /// token to any <see cref="Keys.IChannelDecryptor"/>, so a decryptor that is more lenient cannot widen the channel.
    /// </summary>
    public static bool HasAcceptableHeader(string? compact, string ourKid) =>
        JweCompact.TryReadHeader(compact, out ParsedJoseHeader? header) && IsAcceptable(header, ourKid);

    /// <summary>The <c>cty</c> of a token (read, not authenticated: call after a successful decryption).</summary>
    public static string? ContentType(string? compact) =>
        JweCompact.TryReadHeader(compact, out ParsedJoseHeader? header) ? header.Cty : null;

    private static bool IsAcceptable(ParsedJoseHeader header, string ourKid)
    {
        if (header.Alg != JweCompact.KeyManagementAlgorithm || header.Enc != JweCompact.ContentEncryptionAlgorithm
            || header.Contains("zip") || header.Contains("crit") || header.Kid is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(header.Kid), System.Text.Encoding.ASCII.GetBytes(ourKid));
    }
}
