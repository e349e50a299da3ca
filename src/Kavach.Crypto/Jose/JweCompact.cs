using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Kavach.Crypto.Jose;

/// <summary>JWE compact serialization (RFC 7516) with <c>RSA-OAEP-256</c> and <c>A256GCM</c>, MOSIP's only pair.</summary>
/// <remarks>
/// Decryption reports every failure the same way (false, no detail), and when the key cannot be
/// unwrapped it still runs AES-GCM under a random key (RFC 7516 §11.5), so neither the result nor the
/// timing tells an attacker whether the RSA step or the GCM step failed.
/// </remarks>
public static class JweCompact
{
    /// <summary>The only key-management algorithm accepted.</summary>
    public const string KeyManagementAlgorithm = "RSA-OAEP-256";

    /// <summary>The only content-encryption algorithm accepted.</summary>
    public const string ContentEncryptionAlgorithm = "A256GCM";

    /// <summary>The only compression accepted (raw DEFLATE).</summary>
    public const string DeflateCompression = "DEF";

    /// <summary>The largest plaintext a <c>zip:DEF</c> token may inflate to (16 MiB), so a small token cannot exhaust memory.</summary>
    public const int MaxDecompressedSize = 16 * 1024 * 1024;

    private const int CekSize = 32;
    private const int IvSize = 12;
    private const int TagSize = AesGcmCipher.TagSize;

    /// <summary>
    /// Encrypts to a 5-part compact JWE: a random 32-byte CEK wrapped with RSA-OAEP (SHA-256, MGF1-SHA-256),
    /// a random 12-byte IV, AES-256-GCM with the encoded header as AAD, and the plaintext raw-DEFLATEd first
    /// when <paramref name="deflate"/> is set.
    /// </summary>
    /// <param name="header">Written as given: it must carry <c>alg</c> RSA-OAEP-256 and <c>enc</c> A256GCM, and
    /// <c>"zip":"DEF"</c> exactly when <paramref name="deflate"/> is set (the caller places it in MOSIP's order).</param>
    /// <param name="plaintext">The content to encrypt.</param>
    /// <param name="recipientPublicKey">An RSA key of at least 2048 bits.</param>
    /// <param name="deflate">Compress before encrypting.</param>
    /// <exception cref="ArgumentException">The header does not match the arguments, or the key is too short.</exception>
    public static string Encrypt(JoseHeader header, ReadOnlySpan<byte> plaintext, RSA recipientPublicKey, bool deflate)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(recipientPublicKey);
        if (header.GetString("alg") != KeyManagementAlgorithm || header.GetString("enc") != ContentEncryptionAlgorithm)
        {
            throw new ArgumentException("The header must carry alg RSA-OAEP-256 and enc A256GCM.", nameof(header));
        }

        if (header.Contains("zip") != deflate || (deflate && header.GetString("zip") != DeflateCompression))
        {
            throw new ArgumentException("The header must carry zip DEF exactly when deflating.", nameof(header));
        }

        if (recipientPublicKey.KeySize < JwsVerificationKey.MinimumRsaKeySize)
        {
            throw new ArgumentException("RSA-OAEP-256 needs a key of at least 2048 bits.", nameof(recipientPublicKey));
        }

        string encodedHeader = Base64Url.Encode(header.ToUtf8Json());
        byte[] aad = CompactSerialization.Ascii(encodedHeader);
        byte[] cek = RandomNumberGenerator.GetBytes(CekSize);
        byte[] iv = RandomNumberGenerator.GetBytes(IvSize);
        byte[]? compressed = null;
        try
        {
            byte[] encryptedKey = recipientPublicKey.Encrypt(cek, RSAEncryptionPadding.OaepSHA256);
            ReadOnlySpan<byte> content = plaintext;
            if (deflate)
            {
                compressed = RawDeflate.Compress(plaintext);
                content = compressed;
            }

            byte[] sealedContent = AesGcmCipher.Encrypt(cek, iv, content, aad);
            ReadOnlySpan<byte> ciphertext = sealedContent.AsSpan(0, sealedContent.Length - TagSize);
            ReadOnlySpan<byte> tag = sealedContent.AsSpan(sealedContent.Length - TagSize);
            return string.Join('.', encodedHeader, Base64Url.Encode(encryptedKey), Base64Url.Encode(iv), Base64Url.Encode(ciphertext), Base64Url.Encode(tag));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
            if (compressed is not null)
            {
                CryptographicOperations.ZeroMemory(compressed);
            }
        }
    }

    /// <summary>
    /// Reads the protected header of a compact JWE (5 parts) without decrypting, so the caller can pick the
    /// key by <c>kid</c>. Nothing in it is authenticated until <see cref="TryDecrypt"/> succeeds.
    /// </summary>
    public static bool TryReadHeader(string? compact, [NotNullWhen(true)] out ParsedJoseHeader? header)
    {
        header = null;
        string[]? parts = CompactSerialization.Split(compact, 5);
        return parts is not null
            && CompactSerialization.TryDecode(parts[0], out byte[] headerJson)
            && JoseHeader.TryParse(headerJson, out header);
    }

    /// <summary>
    /// Decrypts a compact JWE. False, with no distinction, for a malformed token, any <c>alg</c>/<c>enc</c>
    /// but RSA-OAEP-256/A256GCM, a <c>zip</c> other than DEF, any <c>crit</c>, a failed unwrap, a CEK that is
    /// not 32 bytes, a failed tag check, bad DEFLATE data, or inflation past <see cref="MaxDecompressedSize"/>.
    /// </summary>
    /// <param name="compact">The token.</param>
    /// <param name="unwrapCek">Given the encrypted key, returns the CEK (RSA-OAEP-256 decryption, perhaps in an HSM),
    /// or null, or throws <see cref="CryptographicException"/> when it cannot. The returned array is wiped here.
    /// Other exceptions (an unreachable vault) are faults, not bad input, and propagate.</param>
    /// <param name="header">The authenticated header when true.</param>
    /// <param name="plaintext">The plaintext when true, else empty; the caller owns it.</param>
    public static bool TryDecrypt(string? compact, Func<byte[], byte[]?> unwrapCek, [NotNullWhen(true)] out ParsedJoseHeader? header, out byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(unwrapCek);
        header = null;
        plaintext = [];

        string[]? parts = CompactSerialization.Split(compact, 5);
        if (parts is null
            || !CompactSerialization.TryDecode(parts[0], out byte[] headerJson)
            || !JoseHeader.TryParse(headerJson, out ParsedJoseHeader? parsed)
            || !IsSupported(parsed)
            || !CompactSerialization.TryDecode(parts[1], out byte[] encryptedKey)
            || encryptedKey.Length == 0
            || !CompactSerialization.TryDecode(parts[2], out byte[] iv)
            || iv.Length != IvSize
            || !CompactSerialization.TryDecode(parts[3], out byte[] ciphertext)
            || !CompactSerialization.TryDecode(parts[4], out byte[] tag)
            || tag.Length != TagSize)
        {
            return false;
        }

        byte[] cek = UnwrapOrDecoy(unwrapCek, encryptedKey, out bool unwrapped);
        byte[] sealedContent = [.. ciphertext, .. tag];
        byte[] content = [];
        try
        {
            bool opened = AesGcmCipher.TryDecrypt(cek, iv, sealedContent, CompactSerialization.Ascii(parts[0]), out content);
            if (!opened || !unwrapped)
            {
                return false;
            }

            if (parsed.Zip is null)
            {
                plaintext = content;
                content = [];
            }
            else if (!RawDeflate.TryInflate(content, MaxDecompressedSize, out plaintext))
            {
                return false;
            }

            header = parsed;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
            CryptographicOperations.ZeroMemory(content);
        }
    }

    private static bool IsSupported(ParsedJoseHeader header) =>
        header.Alg == KeyManagementAlgorithm
        && header.Enc == ContentEncryptionAlgorithm
        && (header.Zip is null || header.Zip == DeflateCompression)

        // We implement no JWE extension, so any crit names something we do not understand (RFC 7516 §4.1.13).
        && header.Crit is null;

    private static byte[] UnwrapOrDecoy(Func<byte[], byte[]?> unwrapCek, byte[] encryptedKey, out bool unwrapped)
    {
        byte[]? cek;
        try
        {
            cek = unwrapCek(encryptedKey);
        }
        catch (CryptographicException)
        {
            cek = null;
        }

        unwrapped = cek is { Length: CekSize };
        if (unwrapped)
        {
            return cek!;
        }

        if (cek is not null)
        {
            CryptographicOperations.ZeroMemory(cek);
        }

        // A random key makes the GCM step fail in the usual time instead of skipping it.
        return RandomNumberGenerator.GetBytes(CekSize);
    }
}
