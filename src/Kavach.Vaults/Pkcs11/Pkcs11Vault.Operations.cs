using System.Security.Cryptography;
using Kavach.Vaults.Pkcs11;
using Kavach.Keys.Vault;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults;

/// <content>The private-key operations: signing, OAEP unwrapping and AES-ECB, all inside the token.</content>
public sealed partial class Pkcs11Vault
{
    private const int AesBlockSize = 16;

    /// <inheritdoc />
    /// <exception cref="VaultKeyNotFoundException">No key pair under <paramref name="alias"/> on a healthy token.</exception>
    /// <exception cref="ArgumentException">The algorithm does not fit the key (RSA versus EC), or the alias holds a secret key.</exception>
    /// <exception cref="KeyVaultUnavailableException">The token or library failed; the next call reconnects.</exception>
    /// <exception cref="KeyUsageException">The key is an issuing key (or has no certificate to tell).</exception>
    public byte[] SignData(string alias, ReadOnlySpan<byte> data, VaultSignatureAlgorithm algorithm)
    {
        using var activity = VaultActivities.Start("vault.sign", Kind);
        ArgumentNullException.ThrowIfNull(alias);
        if (IsIssuingKey(alias))
        {
            throw new KeyUsageException(alias, $"The key '{alias}' issues certificates and signs no data.");
        }

        return SignAny(alias, data, algorithm);
    }

    /// <summary>Signs with any key pair; reached only through <see cref="SignData"/> and the issuance calls.</summary>
    private byte[] SignAny(string alias, ReadOnlySpan<byte> data, VaultSignatureAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(alias);
        if (!Enum.IsDefined(algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown signature algorithm.");
        }

        // CKM_ECDSA signs a digest; the RSA mechanisms hash inside the token.
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var ecdsa = algorithm == VaultSignatureAlgorithm.EcdsaSha256;
        if (ecdsa)
        {
            SHA256.HashData(data, digest);
        }

        ReadOnlySpan<byte> input = ecdsa ? digest : data;
        using var lease = Lease();
        try
        {
            var key = RequireAlgorithm(FindKey(lease, alias, pair: true), alias, algorithm);
            try
            {
                return SignWith(lease.Session, key, input, algorithm);
            }
            catch (Pkcs11Exception e) when (e.IsStaleHandle())
            {
                key = RequireAlgorithm(Refind(lease, alias, key, pair: true), alias, algorithm);
                return SignWith(lease.Session, key, input, algorithm);
            }
        }
        catch (Pkcs11Exception e)
        {
            throw Fail(lease.Connection, e, "C_Sign", alias, lease);
        }
    }

    /// <inheritdoc />
    /// <exception cref="VaultKeyNotFoundException">No key pair under <paramref name="alias"/> on a healthy token.</exception>
    /// <exception cref="ArgumentException">The key is not RSA, or the alias holds a secret key.</exception>
    /// <exception cref="KeyVaultUnavailableException">The token or library failed; the next call reconnects.</exception>
    public byte[] DecryptOaepSha256(string alias, ReadOnlySpan<byte> ciphertext)
    {
        using var activity = VaultActivities.Start("vault.decrypt", Kind);
        ArgumentNullException.ThrowIfNull(alias);
        using var lease = Lease();
        try
        {
            var key = RequireRsa(FindKey(lease, alias, pair: true), alias);
            try
            {
                return DecryptWith(lease.Session, key, ciphertext);
            }
            catch (Pkcs11Exception e) when (e.IsStaleHandle())
            {
                key = RequireRsa(Refind(lease, alias, key, pair: true), alias);
                return DecryptWith(lease.Session, key, ciphertext);
            }
        }
        catch (Pkcs11Exception e)
        {
            throw Fail(lease.Connection, e, "C_Decrypt", alias, lease, decrypting: true);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The data is not whole 16-byte blocks, or the alias holds a key pair.</exception>
    public byte[] EncryptAesEcb(string alias, ReadOnlySpan<byte> data)
    {
        using var activity = VaultActivities.Start("vault.aes-encrypt", Kind);
        return AesEcb(alias, data, encrypt: true);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The data is not whole 16-byte blocks, or the alias holds a key pair.</exception>
    public byte[] DecryptAesEcb(string alias, ReadOnlySpan<byte> data)
    {
        using var activity = VaultActivities.Start("vault.aes-decrypt", Kind);
        return AesEcb(alias, data, encrypt: false);
    }

    private static TokenKey RequireAlgorithm(TokenKey key, string alias, VaultSignatureAlgorithm algorithm)
    {
        var wanted = algorithm == VaultSignatureAlgorithm.EcdsaSha256 ? TokenKeyKind.Ec : TokenKeyKind.Rsa;
        return key.Kind == wanted
            ? key
            : throw new ArgumentException($"The key '{alias}' is not an {(wanted == TokenKeyKind.Rsa ? "RSA" : "EC")} key and cannot sign with {algorithm}.", nameof(alias));
    }

    private static TokenKey RequireRsa(TokenKey key, string alias) => key.Kind == TokenKeyKind.Rsa
        ? key
        : throw new ArgumentException($"The key '{alias}' is not an RSA key and cannot decrypt RSA-OAEP.", nameof(alias));

    private static byte[] SignWith(ISession session, TokenKey key, ReadOnlySpan<byte> input, VaultSignatureAlgorithm algorithm)
    {
        var mechanism = algorithm switch
        {
            VaultSignatureAlgorithm.RsaPkcs1Sha256 => TokenMechanisms.Sha256RsaPkcs,
            VaultSignatureAlgorithm.RsaPssSha256 => TokenMechanisms.Sha256RsaPss,
            _ => TokenMechanisms.Ecdsa,
        };

        // RSA signatures are as long as the modulus; CKM_ECDSA gives r||s, each half as long as the field.
        var length = key.Kind == TokenKeyKind.Rsa ? key.Size : 2 * key.Size;
        var signature = session.Sign(mechanism, key.Handle, input.ToArray());
        return signature.Length == length
            ? signature
            : throw new CryptographicException($"The token returned a {signature.Length}-byte signature where {length} bytes were expected.");
    }

    /// <summary>
    /// Checks what the token would answer with a device error instead of a clean refusal (wrong length, a value not
    /// below the modulus): such input must neither reach the token nor look like a token failure.
    /// </summary>
    private static void RequireRsaInput(TokenKey key, ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length != key.Size || ciphertext.SequenceCompareTo(key.Modulus) >= 0)
        {
            throw OaepSha256Decoder.Failure();
        }
    }

    private byte[] DecryptWith(ISession session, TokenKey key, ReadOnlySpan<byte> ciphertext)
    {
        RequireRsaInput(key, ciphertext);
        if (_oaep != OaepSupport.InSoftware)
        {
            try
            {
                var plaintext = session.Decrypt(TokenMechanisms.RsaOaepSha256, key.Handle, ciphertext.ToArray());
                _oaep = OaepSupport.InToken;
                return plaintext;
            }
            catch (Pkcs11Exception e) when (e.IsUnsupported() && _oaep != OaepSupport.InToken)
            {
                // SoftHSM 2.6 and many HSMs offer CKM_RSA_PKCS_OAEP with SHA-1 only. Decided once per vault (concurrent
                // first calls may all get here; one logs).
                if (Interlocked.Exchange(ref _oaepLogged, 1) == 0)
                {
                    Pkcs11Log.SoftwareOaep(_logger, _options.TokenLabel, e.Describe());
                }

                _oaep = OaepSupport.InSoftware;
            }
            catch (Pkcs11Exception e) when (e.IsBadInput())
            {
                throw OaepSha256Decoder.Failure();
            }
        }

        var encoded = new byte[key.Size];
        byte[]? raw = null;
        try
        {
            raw = session.Decrypt(TokenMechanisms.RsaX509, key.Handle, ciphertext.ToArray());
            if (raw.Length > encoded.Length)
            {
                throw OaepSha256Decoder.Failure();
            }

            // Some tokens drop the leading zero bytes of the raw result; OAEP needs the full k-byte block.
            raw.CopyTo(encoded.AsSpan(encoded.Length - raw.Length));
            return OaepSha256Decoder.Decode(encoded);
        }
        catch (Pkcs11Exception e) when (e.IsBadInput())
        {
            throw OaepSha256Decoder.Failure();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encoded);
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    private byte[] AesEcb(string alias, ReadOnlySpan<byte> data, bool encrypt)
    {
        ArgumentNullException.ThrowIfNull(alias);
        if (data.Length % AesBlockSize != 0)
        {
            throw new ArgumentException("AES-ECB without padding takes whole 16-byte blocks.", nameof(data));
        }

        var mechanism = TokenMechanisms.AesEcb;
        using var lease = Lease();
        try
        {
            var key = FindKey(lease, alias, pair: false);
            if (data.IsEmpty)
            {
                return [];
            }

            var input = data.ToArray();
            byte[] output;
            try
            {
                try
                {
                    output = encrypt ? lease.Session.Encrypt(mechanism, key.Handle, input) : lease.Session.Decrypt(mechanism, key.Handle, input);
                }
                catch (Pkcs11Exception e) when (e.IsStaleHandle())
                {
                    key = Refind(lease, alias, key, pair: false);
                    output = encrypt ? lease.Session.Encrypt(mechanism, key.Handle, input) : lease.Session.Decrypt(mechanism, key.Handle, input);
                }
            }
            finally
            {
                // The input may be a key being wrapped or the plaintext of one being unwrapped.
                CryptographicOperations.ZeroMemory(input);
            }

            return output.Length == data.Length ? output : throw new CryptographicException("The token returned AES-ECB output of the wrong length.");
        }
        catch (Pkcs11Exception e)
        {
            throw Fail(lease.Connection, e, encrypt ? "C_Encrypt" : "C_Decrypt", alias, lease);
        }
    }

    /// <summary>
    /// The key of <paramref name="alias"/>: from the handle cache, else found on the token and cached. "Not found" is
    /// only said after the token passed a health check (a failing token looks empty to a search).
    /// </summary>
    private static TokenKey FindKey(TokenLease lease, string alias, bool pair)
    {
        var connection = lease.Connection;
        if (!connection.TryGetKey(alias, out var key))
        {
            var mark = connection.DeletionMark;
            key = TokenObjects.FindPair(lease.Session, alias) ?? TokenObjects.FindSecret(lease.Session, alias);
            if (key is null)
            {
                connection.CheckHealth();
                throw new VaultKeyNotFoundException(alias);
            }

            connection.CacheKey(alias, key, mark);
        }

        if (pair != key.IsPair)
        {
            throw new ArgumentException(
                pair ? $"The key '{alias}' is a secret key, not a key pair." : $"The key '{alias}' is a key pair, not a secret key.",
                nameof(alias));
        }

        return key;
    }

    /// <summary>Looks <paramref name="alias"/> up again after the token called its cached handle invalid.</summary>
    private static TokenKey Refind(TokenLease lease, string alias, TokenKey stale, bool pair)
    {
        lease.Connection.ForgetStaleKey(alias, stale);
        return FindKey(lease, alias, pair);
    }
}
