using System.Security.Cryptography;

namespace Kavach.Crypto.Envelope;

/// <summary>
/// MOSIP's hybrid encryption envelope (<c>/encrypt</c>, <c>/decrypt</c>):
/// <c>[VER_R2] || thumbprint(32) || RSA-OAEP-SHA256(K)(256) || "#KEY_SPLITTER#" || data part</c>.
/// </summary>
/// <remarks>
/// The key block comes first. The data part depends on the request: with a salt it is <c>AES-GCM(K, iv = salt, aad)</c>
/// (<c>ct || tag</c>); without a salt and with an AAD it is <c>ct || tag || iv16</c>; with neither it is
/// <c>A(32) || AES-GCM(K, A[0..12), aad = A)</c> and the envelope starts with <c>VER_R2</c>. These bytes are archived
/// for years and read back by MOSIP, so the layout is fixed. Callers base64url-encode the result.
/// </remarks>
public static class MosipEnvelope
{
    /// <summary>Length of the certificate thumbprint (SHA-256 of the DER).</summary>
    public const int ThumbprintLength = 32;

    /// <summary>Length of the RSA-OAEP-wrapped session key (RSA-2048).</summary>
    public const int EncryptedKeyLength = 256;

    /// <summary>Length of the random AAD <c>A</c> at the start of a V2 data part.</summary>
    public const int AadLength = 32;

    /// <summary>Length of the GCM nonce taken from <c>A</c> in V2.</summary>
    public const int NonceLength = 12;

    /// <summary>Length of the AES-256 session key.</summary>
    public const int SessionKeyLength = 32;

    /// <summary>Length of the random IV appended in AAD mode (MOSIP's <c>cipher.getBlockSize()</c>).</summary>
    public const int AppendedIvLength = 16;

    private const int RsaKeySizeInBits = EncryptedKeyLength * 8;

    /// <summary>The <c>VER_R2</c> header that marks a V2 envelope.</summary>
    public static ReadOnlySpan<byte> VersionHeader => "VER_R2"u8;

    /// <summary>The separator between key block and data part (<c>mosip.kernel.data-key-splitter</c>).</summary>
    public static ReadOnlySpan<byte> KeySplitter => "#KEY_SPLITTER#"u8;

    /// <summary>
    /// Encrypts <paramref name="data"/> for the holder of <paramref name="recipientPublicKey"/> with a fresh AES-256
    /// session key. Salt given: salt mode; else AAD given: AAD mode; else V2.
    /// </summary>
    /// <param name="recipientPublicKey">The recipient's RSA-2048 public key.</param>
    /// <param name="certificateThumbprint">SHA-256 of the recipient certificate's DER, or empty for the legacy layout without one.</param>
    /// <param name="data">The plaintext.</param>
    /// <param name="salt">Used as the GCM IV as it is, at any length; empty for none.</param>
    /// <param name="aad">Additional authenticated data; empty for none. Not used in V2.</param>
    /// <returns>The envelope bytes, exactly as MOSIP lays them out (not base64-encoded).</returns>
    /// <exception cref="ArgumentException">The thumbprint is neither empty nor 32 bytes, or the key is not RSA-2048.</exception>
    public static byte[] Encrypt(
        RSA recipientPublicKey,
        ReadOnlySpan<byte> certificateThumbprint,
        ReadOnlySpan<byte> data,
        ReadOnlySpan<byte> salt,
        ReadOnlySpan<byte> aad)
    {
        ArgumentNullException.ThrowIfNull(recipientPublicKey);
        if (!certificateThumbprint.IsEmpty && certificateThumbprint.Length != ThumbprintLength)
        {
            throw new ArgumentException("The certificate thumbprint must be empty or 32 bytes.", nameof(certificateThumbprint));
        }

        // The decrypting side recognises the thumbprint by the key block being exactly 32 + 256 bytes.
        if (recipientPublicKey.KeySize != RsaKeySizeInBits)
        {
            throw new ArgumentException("The recipient key must be RSA-2048.", nameof(recipientPublicKey));
        }

        EnvelopeMode mode = !salt.IsEmpty ? EnvelopeMode.Salt : !aad.IsEmpty ? EnvelopeMode.Aad : EnvelopeMode.V2;
        int headerLength = mode == EnvelopeMode.V2 ? VersionHeader.Length : 0;
        int dataPartLength = checked(mode switch
        {
            EnvelopeMode.Salt => data.Length + AesGcmCipher.TagSize,
            EnvelopeMode.Aad => data.Length + AesGcmCipher.TagSize + AppendedIvLength,
            _ => AadLength + data.Length + AesGcmCipher.TagSize,
        });
        byte[] envelope = new byte[checked(headerLength + certificateThumbprint.Length + EncryptedKeyLength + KeySplitter.Length + dataPartLength)];

        Span<byte> sessionKey = stackalloc byte[SessionKeyLength];
        try
        {
            RandomNumberGenerator.Fill(sessionKey);
            Span<byte> rest = envelope;
            if (mode == EnvelopeMode.V2)
            {
                VersionHeader.CopyTo(rest);
                rest = rest[VersionHeader.Length..];
            }

            certificateThumbprint.CopyTo(rest);
            rest = rest[certificateThumbprint.Length..];

            if (!recipientPublicKey.TryEncrypt(sessionKey, rest[..EncryptedKeyLength], RSAEncryptionPadding.OaepSHA256, out int written)
                || written != EncryptedKeyLength)
            {
                throw new CryptographicException("Wrapping the session key failed.");
            }

            rest = rest[EncryptedKeyLength..];
            KeySplitter.CopyTo(rest);
            EncryptDataPart(mode, sessionKey, data, salt, aad, rest[KeySplitter.Length..]);
            return envelope;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey);
        }
    }

    /// <summary>
    /// Splits an envelope at the first <c>#KEY_SPLITTER#</c>, strips a leading <c>VER_R2</c> from the key block, and takes
    /// a 288-byte key block as thumbprint plus encrypted key. False only when there is no splitter.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<byte> envelope, out EnvelopeParts parts)
    {
        int splitterAt = envelope.IndexOf(KeySplitter);
        if (splitterAt < 0)
        {
            parts = default;
            return false;
        }

        bool isV2 = envelope[..splitterAt].StartsWith(VersionHeader);
        int keyStart = isV2 ? VersionHeader.Length : 0;
        Range data = new(splitterAt + KeySplitter.Length, envelope.Length);
        if (splitterAt - keyStart == ThumbprintLength + EncryptedKeyLength)
        {
            int keyAt = keyStart + ThumbprintLength;
            parts = new EnvelopeParts(isV2, HasThumbprint: true, new Range(keyStart, keyAt), new Range(keyAt, splitterAt), data);
        }
        else
        {
            parts = new EnvelopeParts(isV2, HasThumbprint: false, new Range(keyStart, keyStart), new Range(keyStart, splitterAt), data);
        }

        return true;
    }

    /// <summary>
    /// Unwraps a session key with RSA-OAEP-SHA256 (MGF1-SHA256, empty label). False, with an empty key, for any failure,
    /// so a padding error looks like every other failure. The caller owns the key and should wipe it.
    /// </summary>
    public static bool TryUnwrapSessionKey(RSA privateKey, ReadOnlySpan<byte> encryptedKey, out byte[] sessionKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        sessionKey = [];
        int modulusLength = (privateKey.KeySize + 7) / 8;
        if (encryptedKey.Length != modulusLength)
        {
            return false;
        }

        byte[] buffer = new byte[modulusLength];
        try
        {
            if (!privateKey.TryDecrypt(encryptedKey, buffer, RSAEncryptionPadding.OaepSHA256, out int written))
            {
                return false;
            }

            sessionKey = buffer.AsSpan(0, written).ToArray();
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>
    /// Decrypts a data part as MOSIP does: salt given → GCM(iv = salt, aad); else V2 → <c>A = first 32 bytes</c>,
    /// nonce <c>A[0..12)</c>, aad <c>A</c> (the request AAD is ignored); else the last 16 bytes are the IV and
    /// <paramref name="aad"/> the AAD. False, with an empty plaintext, for any bad key or data.
    /// </summary>
    /// <remarks>
    /// Unlike MOSIP, an AAD-mode data part of exactly 32 bytes (empty plaintext) is accepted when its tag holds,
    /// so every envelope <see cref="Encrypt"/> makes can be opened.
    /// </remarks>
    public static bool TryDecryptData(
        ReadOnlySpan<byte> sessionKey,
        ReadOnlySpan<byte> encData,
        bool isV2,
        ReadOnlySpan<byte> salt,
        ReadOnlySpan<byte> aad,
        out byte[] plaintext)
    {
        if (!salt.IsEmpty)
        {
            return AesGcmCipher.TryDecrypt(sessionKey, salt, encData, aad, out plaintext);
        }

        if (isV2)
        {
            if (encData.Length < AadLength + AesGcmCipher.TagSize)
            {
                plaintext = [];
                return false;
            }

            ReadOnlySpan<byte> random = encData[..AadLength];
            return AesGcmCipher.TryDecrypt(sessionKey, random[..NonceLength], encData[AadLength..], random, out plaintext);
        }

        if (encData.Length < AesGcmCipher.TagSize + AppendedIvLength)
        {
            plaintext = [];
            return false;
        }

        return AesGcmCipher.TryDecrypt(sessionKey, encData[^AppendedIvLength..], encData[..^AppendedIvLength], aad, out plaintext);
    }

    /// <summary>
    /// Splits, unwraps the session key through <paramref name="unwrapSessionKey"/> (which it then wipes) and decrypts.
    /// False, with an empty plaintext, when the envelope has no splitter, the key cannot be unwrapped, or the data
    /// does not authenticate. Exceptions from the unwrapper (I/O faults) pass through.
    /// </summary>
    public static bool TryDecrypt(
        ReadOnlySpan<byte> envelope,
        SessionKeyUnwrapper unwrapSessionKey,
        ReadOnlySpan<byte> salt,
        ReadOnlySpan<byte> aad,
        out byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(unwrapSessionKey);
        plaintext = [];
        if (!TrySplit(envelope, out EnvelopeParts parts))
        {
            return false;
        }

        byte[]? sessionKey = unwrapSessionKey(envelope[parts.Thumbprint], envelope[parts.EncryptedKey]);
        if (sessionKey is null)
        {
            return false;
        }

        try
        {
            return TryDecryptData(sessionKey, envelope[parts.Data], parts.IsV2, salt, aad, out plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey);
        }
    }

    private static void EncryptDataPart(
        EnvelopeMode mode,
        ReadOnlySpan<byte> sessionKey,
        ReadOnlySpan<byte> data,
        ReadOnlySpan<byte> salt,
        ReadOnlySpan<byte> aad,
        Span<byte> destination)
    {
        switch (mode)
        {
            case EnvelopeMode.Salt:
                AesGcmCipher.Encrypt(sessionKey, salt, data, aad, destination);
                break;
            case EnvelopeMode.Aad:
                Span<byte> iv = destination[^AppendedIvLength..];
                RandomNumberGenerator.Fill(iv);
                AesGcmCipher.Encrypt(sessionKey, iv, data, aad, destination[..^AppendedIvLength]);
                break;
            default:
                Span<byte> random = destination[..AadLength];
                RandomNumberGenerator.Fill(random);
                AesGcmCipher.Encrypt(sessionKey, random[..NonceLength], data, random, destination[AadLength..]);
                break;
        }
    }
}
