using System.Buffers.Binary;
using System.Security.Cryptography;
using Kavach.Crypto;
using Kavach.Crypto.Encodings;
using Kavach.Keys.Access;
using Kavach.Keys.DataProtection;
using Kavach.Keys.Errors;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;

namespace Kavach.Keys.ZeroKnowledge;

/// <summary>
/// <c>zkEncrypt</c>, <c>zkDecrypt</c> and <c>zkReEncryptRandomKey</c> (spec §7): attributes encrypted under a key
/// derived from a pool key and the person's id, so a value decrypts only when the UIN/VID is presented. Values are
/// <c>base64url(INT32_BE(index) ‖ nonce12 ‖ aad32 ‖ AES-GCM(ct ‖ tag))</c>. Nothing here logs the id or a value.
/// </summary>
public sealed class ZkCryptoService
{
    private const int HeaderLength = 4 + 12 + 32;

    private readonly ZkKeyPool _pool;
    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly SessionKeyDecryptor _sessionKeys;
    private readonly ZeroKnowledgeOptions _options;
    private readonly KeyAccessPolicy _access;

    /// <summary>
    /// Creates the service. Callers must be bound to the ZK master's application (<see cref="ZeroKnowledgeOptions.MasterApplicationId"/>)
    /// to encrypt or decrypt, and to the recipients' application to re-encrypt a random key.
    /// </summary>
    public ZkCryptoService(ZkKeyPool pool, KeyRing ring, IKeyStore store, SessionKeyDecryptor sessionKeys, ZeroKnowledgeOptions options, KeyAccessPolicy access)
    {
        _access = access;
        _pool = pool;
        _ring = ring;
        _store = store;
        _sessionKeys = sessionKeys;
        _options = options;
    }

    /// <summary>Encrypts every attribute for <paramref name="id"/> with one random pool key, and wraps that key for the recipients.</summary>
    public async Task<Result<ZkEncryptResult>> EncryptAsync(string id, IReadOnlyList<ZkAttribute> attributes, Caller caller, CancellationToken cancellationToken)
    {
        if (!_access.IsBound(_options.MasterApplicationId, caller))
        {
            return ErrorCodes.DecryptNotAllowed;
        }

        var picked = await _pool.PickRandomAsync(cancellationToken);
        if (!picked.IsSuccess)
        {
            return picked.Error;
        }

        var (index, randomKey) = picked.Value;
        try
        {
            var recipients = await EncryptRandomKeyAsync(randomKey, cancellationToken);
            if (!recipients.IsSuccess)
            {
                return recipients.Error;
            }

            var derived = Derive(randomKey, id);
            try
            {
                var encrypted = attributes.Select(a => a with { Value = Encrypt(derived, (int)index, a.Value ?? string.Empty) }).ToList();
                return new ZkEncryptResult(encrypted, recipients.Value, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(derived);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(randomKey);
        }
    }

    /// <summary>Decrypts attributes made for <paramref name="id"/>; a wrong id and a tampered value both give KER-ZKC-004.</summary>
    public async Task<Result<IReadOnlyList<ZkAttribute>>> DecryptAsync(string id, IReadOnlyList<ZkAttribute> attributes, Caller caller, CancellationToken cancellationToken)
    {
        if (!_access.IsBound(_options.MasterApplicationId, caller))
        {
            return ErrorCodes.DecryptNotAllowed;
        }

        var result = new List<ZkAttribute>(attributes.Count);
        foreach (var attribute in attributes)
        {
            if (!Base64Url.TryDecodeLenient(attribute.Value, out var value) || value.Length <= HeaderLength)
            {
                return ErrorCodes.ZkInvalidFormat;
            }

            var index = BinaryPrimitives.ReadInt32BigEndian(value);
            var randomKey = await _pool.UnwrapAsync(index, cancellationToken);
            if (!randomKey.IsSuccess)
            {
                return randomKey.Error;
            }

            var derived = Derive(randomKey.Value, id);
            CryptographicOperations.ZeroMemory(randomKey.Value);
            try
            {
                if (!AesGcmCipher.TryDecrypt(derived, value.AsSpan(4, 12), value.AsSpan(HeaderLength), value.AsSpan(16, 32), out var plaintext))
                {
                    return ErrorCodes.ZkDataCipherError;
                }

                result.Add(attribute with { Value = JavaUtf8.GetString(plaintext) });
            }
            finally
            {
                CryptographicOperations.ZeroMemory(derived);
            }
        }

        return result;
    }

    /// <summary>
    /// IDA's side: finds the part of <paramref name="encryptedKey"/> made for one of our recipient keys, unwraps the
    /// random key with it and re-wraps it under our ZK master key (the <c>data_encrypt_keystore</c> format). The
    /// recipient keys are looked up on every call (MOSIP caches them forever, which breaks after rotation).
    /// </summary>
    public async Task<Result<string>> ReEncryptRandomKeyAsync(string? encryptedKey, Caller caller, CancellationToken cancellationToken)
    {
        if (!_access.IsBound(_options.RecipientApplicationId, caller))
        {
            return ErrorCodes.DecryptNotAllowed;
        }

        if (string.IsNullOrWhiteSpace(encryptedKey))
        {
            return ErrorCodes.ZkInvalidEncryptedRandomKey;
        }

        var appId = _options.RecipientApplicationId;
        foreach (var part in encryptedKey.Split('.'))
        {
            if (!Base64Url.TryDecodeLenient(part, out var bytes) || bytes.Length <= 32)
            {
                continue;
            }

            foreach (var refId in RecipientReferences())
            {
                var alias = await _sessionKeys.FindAsync(appId, refId, bytes.AsMemory(0, 32), cancellationToken);
                if (!alias.IsSuccess || alias.Value.RefId != refId)
                {
                    continue;
                }

                var randomKey = await _sessionKeys.UnwrapAsync(alias.Value, bytes.AsMemory(32), allowVaultKeys: false, cancellationToken);
                if (!randomKey.IsSuccess || randomKey.Value.Length != 32)
                {
                    return ErrorCodes.ZkInvalidEncryptedRandomKey;
                }

                try
                {
                    return await _pool.WrapAsync(randomKey.Value, cancellationToken);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(randomKey.Value);
                }
            }
        }

        return ErrorCodes.ZkInvalidEncryptedRandomKey;
    }

    /// <summary>DK = AES-ECB(key = R, SHA-256(id)), 32 bytes (MOSIP's derivation, Java-style UTF-8 of the id).</summary>
    internal static byte[] Derive(byte[] randomKey, string id)
    {
        using var aes = Aes.Create();
        aes.Key = randomKey;
        var digest = SHA256.HashData(JavaUtf8.GetBytes(id));
        return aes.EncryptEcb(digest, PaddingMode.None);
    }

    private static string Encrypt(byte[] derived, int index, string value)
    {
        var plaintext = JavaUtf8.GetBytes(value);
        var output = new byte[HeaderLength + plaintext.Length + AesGcmCipher.TagSize];
        BinaryPrimitives.WriteInt32BigEndian(output, index);
        RandomNumberGenerator.Fill(output.AsSpan(4, 12 + 32));
        AesGcmCipher.Encrypt(derived, output.AsSpan(4, 12), plaintext, output.AsSpan(16, 32), output.AsSpan(HeaderLength));
        return Base64Url.Encode(output);
    }

    /// <summary><c>encryptedRandomKey</c>: for each recipient reference, base64url(SHA-256(cert) ‖ RSA-OAEP(cert, R)), joined with ".".</summary>
    private async Task<Result<string>> EncryptRandomKeyAsync(byte[] randomKey, CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        var appId = _options.RecipientApplicationId;
        var policies = await _ring.Policies.GetAllAsync(cancellationToken);
        foreach (var refId in RecipientReferences())
        {
            var current = KeyValidity.Current(await _store.GetAliasesAsync(appId, refId, cancellationToken), _ring.Now, KeyValidity.PreExpireDays(appId, refId, policies.GetValueOrDefault));
            if (current.Count != 1)
            {
                return ErrorCodes.ZkNoUniqueAlias;
            }

            var key = await _ring.LoadAsync(current[0], Hierarchy.KeyClassifier.Classify(appId, refId), cancellationToken);
            if (!key.IsSuccess)
            {
                return ErrorCodes.ZkNoUniqueAlias;
            }

            var recipient = _ring.RecipientOf(key.Value);
            var wrapped = recipient.PublicKey.Encrypt(randomKey, RSAEncryptionPadding.OaepSHA256);
            parts.Add(Base64Url.Encode([.. recipient.Thumbprint, .. wrapped]));
        }

        return string.Join('.', parts);
    }

    private IEnumerable<string> RecipientReferences() =>
        _options.RecipientReferenceIds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
