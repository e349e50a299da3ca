using System.Buffers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Kavach.Crypto;

namespace Kavach.Devices.Protocol.Jose;

/// <summary>
/// Compact JWE with exactly <c>RSA-OAEP-256</c> + <c>A256GCM</c> and the header <c>{alg, enc, kid, cty}</c> (spec §4.3):
/// a random 32-byte CEK, a random 12-byte IV, a 16-byte tag, AAD = ASCII(BASE64URL(protected header)).
/// </summary>
/// <remarks>
/// Decryption unwraps through a delegate (an HSM's RSA-OAEP-256, see <c>IDeviceServerKeys</c>). When the unwrap fails it
/// still runs AES-GCM under a random key (RFC 7516 §11.5), so neither timing nor result separates an RSA failure from a
/// GCM failure; the reason goes only to the audit record.
/// </remarks>
public static class StrictJwe
{
    private const int MaxEncryptedKeyBytes = 1024;
    private const int MaxKidLength = 128;

    private static readonly HashSet<string> Members = new(StringComparer.Ordinal) { "alg", "enc", "kid", "cty" };

    /// <summary>Encrypts <paramref name="plaintext"/> (a JWS) to the RSA key of <paramref name="recipient"/>, naming it <paramref name="kid"/>.</summary>
    /// <exception cref="ArgumentException">The certificate holds no RSA key of 2048 bits or more, or the kid is empty or too long.</exception>
    public static string Encrypt(ReadOnlySpan<byte> plaintext, X509Certificate2 recipient, string kid)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (string.IsNullOrEmpty(kid) || kid.Length > MaxKidLength)
        {
            throw new ArgumentException("The kid must be 1 to 128 characters.", nameof(kid));
        }

        using RSA rsa = recipient.GetRSAPublicKey()
            ?? throw new ArgumentException("The recipient certificate holds no RSA key.", nameof(recipient));
        if (rsa.KeySize < DeviceJose.MinimumRsaKeySize)
        {
            throw new ArgumentException("RSA-OAEP-256 needs a key of at least 2048 bits.", nameof(recipient));
        }

        string encodedHeader = Base64Url.Encode(Header(kid));
        byte[] aad = Encoding.ASCII.GetBytes(encodedHeader);
        byte[] cek = RandomNumberGenerator.GetBytes(DeviceJose.CekSize);
        byte[] iv = RandomNumberGenerator.GetBytes(DeviceJose.IvSize);
        byte[] ciphertext = new byte[plaintext.Length];
        byte[] tag = new byte[DeviceJose.TagSize];
        try
        {
            byte[] encryptedKey = rsa.Encrypt(cek, RSAEncryptionPadding.OaepSHA256);
            using (var gcm = new AesGcm(cek, DeviceJose.TagSize))
            {
                gcm.Encrypt(iv, plaintext, ciphertext, tag, aad);
            }

            return string.Join('.', encodedHeader, Base64Url.Encode(encryptedKey), Base64Url.Encode(iv), Base64Url.Encode(ciphertext), Base64Url.Encode(tag));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
        }
    }

    /// <summary>
    /// Decrypts a compact JWE: five canonical base64url parts; a header of exactly <c>{alg, enc, kid, cty}</c> with
    /// <c>RSA-OAEP-256</c>, <c>A256GCM</c>, <c>JWT</c>; IV 12 bytes; tag 16 bytes; a CEK of 32 bytes from
    /// <paramref name="unwrapContentKey"/>; the GCM tag over the header as AAD.
    /// </summary>
    /// <param name="compact">The token.</param>
    /// <param name="unwrapContentKey">Given the <c>kid</c> and the encrypted key, returns the CEK, or null when the kid
    /// is unknown or retired or the unwrap fails (a <see cref="CryptographicException"/> counts as null). The returned
    /// array is wiped here. Other exceptions are faults (an unreachable HSM) and propagate.</param>
    /// <param name="cancellationToken">Cancels the unwrap.</param>
    public static async ValueTask<MessageCheck<JweContent>> DecryptAsync(
        string? compact,
        Func<string, ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]?>> unwrapContentKey,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unwrapContentKey);
        string[]? parts = StrictJws.SplitCompact(compact, 5);
        if (parts is null
            || !StrictBase64.TryDecodeUrl(parts[0], out byte[]? headerJson)
            || !StrictBase64.TryDecodeUrl(parts[1], out byte[]? encryptedKey)
            || !StrictBase64.TryDecodeUrl(parts[2], out byte[]? iv)
            || !StrictBase64.TryDecodeUrl(parts[3], out byte[]? ciphertext)
            || !StrictBase64.TryDecodeUrl(parts[4], out byte[]? tag))
        {
            return Refuse(MessageRefusal.Malformed, "JWE is not five canonical base64url parts");
        }

        if (!StrictJoseHeader.TryParse(headerJson, Members, Members, out StrictJoseHeader? header)
            || header.Alg != DeviceJose.RsaOaep256
            || header.Enc != DeviceJose.A256Gcm
            || header.Cty != DeviceJose.NestedJwt
            || header.Kid!.Length > MaxKidLength)
        {
            return Refuse(MessageRefusal.EncryptionHeader, "JWE header is not exactly {alg RSA-OAEP-256, enc A256GCM, kid, cty JWT}");
        }

        if (iv.Length != DeviceJose.IvSize || tag.Length != DeviceJose.TagSize || encryptedKey.Length is 0 or > MaxEncryptedKeyBytes)
        {
            return Refuse(MessageRefusal.Decryption, "JWE IV, tag or encrypted key has the wrong size");
        }

        byte[]? cek;
        try
        {
            cek = await unwrapContentKey(header.Kid, encryptedKey, cancellationToken).ConfigureAwait(false);
        }
        catch (CryptographicException)
        {
            cek = null;
        }

        bool unwrapped = cek is { Length: DeviceJose.CekSize };
        if (!unwrapped)
        {
            if (cek is not null)
            {
                CryptographicOperations.ZeroMemory(cek);
            }

            cek = RandomNumberGenerator.GetBytes(DeviceJose.CekSize);
        }

        byte[] plaintext = new byte[ciphertext.Length];
        try
        {
            using var gcm = new AesGcm(cek!, DeviceJose.TagSize);
            gcm.Decrypt(iv, ciphertext, tag, plaintext, Encoding.ASCII.GetBytes(parts[0]));
        }
        catch (CryptographicException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return unwrapped
                ? Refuse(MessageRefusal.Decryption, "JWE tag does not verify")
                : Refuse(MessageRefusal.EncryptionKey, "JWE kid unknown or retired, or the content key did not unwrap to 32 bytes");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek!);
        }

        if (!unwrapped)
        {
            // A random key opening the tag is a 2^-128 event; refuse all the same.
            CryptographicOperations.ZeroMemory(plaintext);
            return Refuse(MessageRefusal.EncryptionKey, "JWE content key did not unwrap");
        }

        return MessageCheck<JweContent>.Ok(new JweContent(header.Kid, plaintext));
    }

    private static byte[] Header(string kid)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", DeviceJose.RsaOaep256);
            writer.WriteString("enc", DeviceJose.A256Gcm);
            writer.WriteString("kid", kid);
            writer.WriteString("cty", DeviceJose.NestedJwt);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static MessageCheck<JweContent> Refuse(MessageRefusal refusal, string detail) =>
        MessageCheck<JweContent>.Refuse(DeviceMessageErrors.MessageRefused, refusal, detail);
}
