using System.Security.Cryptography;
using Kavach.Crypto;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Wrapping;

/// <summary>
/// MOSIP's format for database-held private keys (spec §3.4):
/// <c>base64url( RSA-OAEP-SHA256(masterPublicKey, K2) || "#KEY_SPLITTER#" || AES-GCM(K2, PKCS#8, iv16) || tag || iv16 )</c>.
/// </summary>
public static class BaseKeyWrapper
{
    /// <summary>Wraps <paramref name="pkcs8"/> for the master key whose public key is <paramref name="masterPublicKey"/>.</summary>
    public static string Wrap(ReadOnlySpan<byte> pkcs8, RSA masterPublicKey)
    {
        Span<byte> sessionKey = stackalloc byte[32];
        RandomNumberGenerator.Fill(sessionKey);
        try
        {
            var encryptedKey = masterPublicKey.Encrypt(sessionKey.ToArray(), RSAEncryptionPadding.OaepSHA256);
            var encryptedData = MosipAes.EncryptWithAppendedIv(sessionKey, pkcs8, ReadOnlySpan<byte>.Empty);
            var combined = new byte[encryptedKey.Length + KeySplitter.Bytes.Length + encryptedData.Length];
            encryptedKey.CopyTo(combined, 0);
            KeySplitter.Bytes.CopyTo(combined.AsSpan(encryptedKey.Length));
            encryptedData.CopyTo(combined, encryptedKey.Length + KeySplitter.Bytes.Length);
            return Base64Url.Encode(combined);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey);
        }
    }

    /// <summary>
    /// Unwraps with the vault master key <paramref name="masterAlias"/>. Returns the PKCS#8 bytes (the caller wipes
    /// them), or null when the value is malformed or does not decrypt — the caller treats that as tampering.
    /// </summary>
    public static byte[]? TryUnwrap(string wrapped, IKeyVault vault, string masterAlias)
    {
        if (!Base64Url.TryDecodeLenient(wrapped, out var combined) ||
            !KeySplitter.TrySplit(combined, out var keyPart, out var dataPart))
        {
            return null;
        }

        byte[]? sessionKey = null;
        try
        {
            sessionKey = vault.DecryptOaepSha256(masterAlias, combined.AsSpan(keyPart));
            return MosipAes.TryDecryptWithAppendedIv(sessionKey, combined.AsSpan(dataPart), ReadOnlySpan<byte>.Empty, out var pkcs8) ? pkcs8 : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        finally
        {
            if (sessionKey is not null)
            {
                CryptographicOperations.ZeroMemory(sessionKey);
            }
        }
    }
}
