using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.Keys.Access;
using Kavach.Keys.Errors;
using Kavach.Keys.Management;
using Kavach.Keys.Signatures;
using Kavach.Keys.Vault;

namespace Kavach.Keys.ClientCrypto;

/// <summary>
/// Client crypto (spec §9): the server acting as a registration client (<c>/cssign</c>, <c>/tpmdecrypt</c>, its public
/// keys) and checking data from clients (<c>/csverifysign</c>, <c>/tpmencrypt</c>). This server has no TPM: its
/// instance key is the master key of <see cref="InstanceApplicationId"/> in the vault (MOSIP's
/// <c>use-resident-service-module-key</c>); clients' TPM public keys (TPMT_PUBLIC) are read and used.
/// </summary>
public sealed class ClientCryptoService
{
    private const int IvLength = 12;
    private const int AadLength = 32;
    private const int EncryptedKeyLength = 256;

    private readonly KeyRing _ring;
    private readonly IKeyVault _vault;
    private readonly SigningKeyProvider _signing;
    private readonly KeyAccessPolicy _access;

    /// <summary>Creates the service; signing and decrypting need a caller bound to <paramref name="instanceApplicationId"/>.</summary>
    public ClientCryptoService(KeyRing ring, IKeyVault vault, SigningKeyProvider signing, string instanceApplicationId, KeyAccessPolicy access)
    {
        _ring = ring;
        _vault = vault;
        _signing = signing;
        _access = access;
        InstanceApplicationId = instanceApplicationId;
    }

    /// <summary>Application whose master key is this server's client key (default RESIDENT).</summary>
    public string InstanceApplicationId { get; }

    /// <summary><c>/cssign</c>: SHA256withRSA over the base64 data, base64url signature.</summary>
    public async Task<Result<string>> SignAsync(string data, Caller caller, CancellationToken cancellationToken)
    {
        if (!_access.IsBound(InstanceApplicationId, caller))
        {
            return ErrorCodes.SignNotAllowed;
        }

        if (!Base64Url.TryDecodeLenient(data, out var bytes))
        {
            return ErrorCodes.ClientCryptoFailed;
        }

        // The instance key signs with its data-signing key (like a TPM's separate signing key), never the module key.
        var key = await _signing.GetAsync(InstanceApplicationId, string.Empty, cancellationToken);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var signer = await _signing.PrepareAsync(key.Value, JwsAlgorithm.RS256, cancellationToken);
        if (!signer.IsSuccess)
        {
            return signer.Error;
        }

        using (signer.Value)
        {
            return Base64Url.Encode(signer.Value.Sign(bytes));
        }
    }

    /// <summary><c>/csverifysign</c>: a TPMT_PUBLIC key is a TPM key whatever the client type; otherwise an X.509 SPKI.</summary>
    public static Result<bool> Verify(string data, string signature, string publicKey)
    {
        if (!Base64Url.TryDecodeLenient(data, out var bytes) || !Base64Url.TryDecodeLenient(signature, out var sig) ||
            !TryReadPublicKey(publicKey, out var rsa, out _))
        {
            return ErrorCodes.ClientCryptoFailed;
        }

        using (rsa)
        {
            return rsa.VerifyData(bytes, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }

    /// <summary><c>/tpmencrypt</c>: <c>base64url(EK(256) ‖ iv12 ‖ aad32 ‖ AES-GCM(ct ‖ tag))</c> for a client's public key.</summary>
    public static Result<string> Encrypt(string value, string publicKey, ClientType clientType)
    {
        if (!Base64Url.TryDecodeLenient(value, out var plaintext) || !TryReadPublicKey(publicKey, out var rsa, out var isTpm))
        {
            return ErrorCodes.ClientCryptoFailed;
        }

        using (rsa)
        {
            if (rsa.KeySize != EncryptedKeyLength * 8)
            {
                return ErrorCodes.ClientCryptoFailed;
            }

            var key = RandomNumberGenerator.GetBytes(32);
            try
            {
                var encryptedKey = !isTpm && clientType == ClientType.Android
                    ? OaepMgf1Sha1.Encrypt(rsa.ExportParameters(false), key)
                    : rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA256);
                var output = new byte[EncryptedKeyLength + IvLength + AadLength + plaintext.Length + AesGcmCipher.TagSize];
                encryptedKey.CopyTo(output, 0);
                RandomNumberGenerator.Fill(output.AsSpan(EncryptedKeyLength, IvLength + AadLength));
                AesGcmCipher.Encrypt(key, output.AsSpan(EncryptedKeyLength, IvLength), plaintext, output.AsSpan(EncryptedKeyLength + IvLength, AadLength), output.AsSpan(EncryptedKeyLength + IvLength + AadLength));
                return Base64Url.Encode(output);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    /// <summary>
    /// <c>/tpmdecrypt</c>: the first 256 bytes are the session key under our instance key; then iv12 ‖ aad32, falling
    /// back to MOSIP's legacy iv16 ‖ aad12. Every failure is KER-CC-004.
    /// </summary>
    public async Task<Result<string>> DecryptAsync(string value, Caller caller, CancellationToken cancellationToken)
    {
        if (!_access.IsBound(InstanceApplicationId, caller))
        {
            return ErrorCodes.DecryptNotAllowed;
        }

        if (!Base64Url.TryDecodeLenient(value, out var bytes) || bytes.Length <= EncryptedKeyLength + IvLength + AadLength)
        {
            return ErrorCodes.ClientCryptoFailed;
        }

        var instance = await _ring.GetCurrentAsync(InstanceApplicationId, string.Empty, cancellationToken);
        if (!instance.IsSuccess)
        {
            return instance.Error;
        }

        byte[] key;
        try
        {
            key = _vault.DecryptOaepSha256(instance.Value.Alias.Id, bytes.AsSpan(0, EncryptedKeyLength));
        }
        catch (CryptographicException)
        {
            return ErrorCodes.ClientCryptoFailed;
        }

        try
        {
            var rest = bytes.AsSpan(EncryptedKeyLength);
            if (AesGcmCipher.TryDecrypt(key, rest[..IvLength], rest[(IvLength + AadLength)..], rest.Slice(IvLength, AadLength), out var plaintext) ||
                AesGcmCipher.TryDecrypt(key, rest[..16], rest[28..], rest.Slice(16, 12), out plaintext))
            {
                return Base64Url.Encode(plaintext);
            }

            return ErrorCodes.ClientCryptoFailed;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The public key (SPKI, base64url) that verifies <c>/cssign</c> signatures, for <c>/tpmsigning/publickey</c>.</summary>
    public async Task<Result<string>> SigningPublicKeyAsync(CancellationToken cancellationToken)
    {
        var key = await _signing.GetAsync(InstanceApplicationId, string.Empty, cancellationToken);
        return key.IsSuccess ? Base64Url.Encode(key.Value.Certificate.PublicKey.ExportSubjectPublicKeyInfo()) : key.Error;
    }

    /// <summary>The instance encryption public key (SPKI) as base64url, for <c>/tpmencryption/publickey</c>.</summary>
    public async Task<Result<string>> PublicKeyAsync(CancellationToken cancellationToken)
    {
        var key = await _ring.GetCurrentAsync(InstanceApplicationId, string.Empty, cancellationToken);
        return key.IsSuccess ? Base64Url.Encode(key.Value.Certificate.PublicKey.ExportSubjectPublicKeyInfo()) : key.Error;
    }

    /// <summary>MOSIP's registration-client key index: colon-separated upper-case hex of SHA-256(SPKI).</summary>
    public static string KeyIndex(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        string.Join(':', Convert.ToHexString(SHA256.HashData(subjectPublicKeyInfo)).Chunk(2).Select(pair => new string(pair)));

    private static bool TryReadPublicKey(string publicKey, out RSA rsa, out bool isTpm)
    {
        rsa = null!;
        isTpm = false;
        if (!Base64Url.TryDecodeLenient(publicKey, out var bytes))
        {
            return false;
        }

        if (TpmPublicArea.TryReadRsa(bytes, out var parameters))
        {
            rsa = RSA.Create(parameters);
            isTpm = true;
            return true;
        }

        try
        {
            var key = PublicKey.CreateFromSubjectPublicKeyInfo(bytes, out var read);
            var candidate = read == bytes.Length ? key.GetRSAPublicKey() : null;
            if (candidate is null)
            {
                return false;
            }

            rsa = candidate;
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
