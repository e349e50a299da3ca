using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Crypto;
using Kavach.PartnerChannel.Internal;
using Kavach.PartnerChannel.Keys;

namespace Kavach.PartnerChannel.Mosip;

/// <summary>
/// IDA's field-level request encryption (docs/partner-channel.md, profile <c>mosip</c>): a fresh AES-256 session key
/// wrapped with RSA-OAEP-SHA256 (MGF1-SHA256), <c>request</c> and <c>requestHMAC</c> sealed with MOSIP AES-GCM (16-byte
/// IV appended, no AAD). Public so every <see cref="IChannelDecryptor"/> (file keys, the vault, a remote Kavach)
/// decrypts the same way.
/// </summary>
public static class MosipRequestCrypto
{
    private const int SessionKeySize = 32;

    /// <summary>Encrypts <paramref name="request"/> (the JSON request) for the holder of <paramref name="recipient"/>.</summary>
    public static MosipEncryptedRequest Encrypt(ReadOnlySpan<byte> request, X509Certificate2 recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        // Parsing the key costs half an RSA private operation: the shared cache keeps it per certificate.
        ChannelCertificate parsed = ChannelCertificateCache.Shared.Get(recipient)
            ?? throw new ArgumentException("The recipient certificate has no RSA key of at least 2048 bits.", nameof(recipient));
        RSA publicKey = parsed.PublicKey;
        byte[] sessionKey = RandomNumberGenerator.GetBytes(SessionKeySize);
        byte[] hmac = HmacText(request);
        try
        {
            return new MosipEncryptedRequest(
                publicKey.Encrypt(sessionKey, RSAEncryptionPadding.OaepSHA256),
                MosipAes.EncryptWithAppendedIv(sessionKey, request, []),
                MosipAes.EncryptWithAppendedIv(sessionKey, hmac, []),
                (byte[])parsed.Thumbprint.Clone());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey);
        }
    }

    /// <summary>
    /// Decrypts <c>request</c> and <c>requestHMAC</c>; null on any failure: a thumbprint that is not
    /// <paramref name="ourThumbprint"/>, an unwrap that fails or gives no 32-byte key, a failed tag check.
    /// </summary>
    /// <param name="encrypted">The members as received.</param>
    /// <param name="ourThumbprint">SHA-256 of our encryption certificate.</param>
    /// <param name="unwrapSessionKey">RSA-OAEP-SHA256 decryption of the session key (perhaps in an HSM); null or a
    /// <see cref="CryptographicException"/> when it fails. Other exceptions are faults and propagate.</param>
    public static MosipDecryptedRequest? TryDecrypt(MosipEncryptedRequest encrypted, ReadOnlySpan<byte> ourThumbprint, Func<byte[], byte[]?> unwrapSessionKey)
    {
        ArgumentNullException.ThrowIfNull(encrypted);
        ArgumentNullException.ThrowIfNull(unwrapSessionKey);
        if (!CryptographicOperations.FixedTimeEquals(encrypted.Thumbprint, ourThumbprint))
        {
            return null;
        }

        byte[]? sessionKey;
        try
        {
            sessionKey = unwrapSessionKey(encrypted.EncryptedSessionKey);
        }
        catch (CryptographicException)
        {
            return null;
        }

        if (sessionKey is null)
        {
            return null;
        }

        try
        {
            if (sessionKey.Length != SessionKeySize
                || !MosipAes.TryDecryptWithAppendedIv(sessionKey, encrypted.EncryptedRequest, [], out byte[] request))
            {
                return null;
            }

            if (!MosipAes.TryDecryptWithAppendedIv(sessionKey, encrypted.EncryptedHmac, [], out byte[] hmac))
            {
                CryptographicOperations.ZeroMemory(request);
                return null;
            }

            return new MosipDecryptedRequest(request, hmac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey);
        }
    }

    /// <summary>True when the decrypted <c>requestHMAC</c> is the upper-case hex SHA-256 of the decrypted request.</summary>
    public static bool HmacMatches(MosipDecryptedRequest decrypted)
    {
        ArgumentNullException.ThrowIfNull(decrypted);
        return CryptographicOperations.FixedTimeEquals(HmacText(decrypted.Request), decrypted.Hmac);
    }

    private static byte[] HmacText(ReadOnlySpan<byte> request) => Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(request)));
}
