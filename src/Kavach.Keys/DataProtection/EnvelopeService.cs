using System.Security.Cryptography;
using Kavach.Crypto;
using Kavach.Crypto.Envelope;
using Kavach.Keys.Access;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;

namespace Kavach.Keys.DataProtection;

/// <summary>
/// <c>/encrypt</c> and <c>/decrypt</c>: MOSIP's hybrid envelope (spec §3.2). Every failure to decrypt gives one
/// answer (<see cref="ErrorCodes.InvalidEncryptedData"/>) whatever went wrong — no oracle.
/// </summary>
public sealed class EnvelopeService
{
    private readonly KeyRing _ring;
    private readonly SessionKeyDecryptor _sessionKeys;
    private readonly KeyAccessPolicy _access;

    /// <summary>Creates the service.</summary>
    public EnvelopeService(KeyRing ring, SessionKeyDecryptor sessionKeys, KeyAccessPolicy access)
    {
        _ring = ring;
        _sessionKeys = sessionKeys;
        _access = access;
    }

    /// <summary>Encrypts base64 <paramref name="data"/> for the current key of (appId, refId), which is created if needed and <paramref name="caller"/> may create it.</summary>
    public async Task<Result<string>> EncryptAsync(string appId, string? refId, string data, string? salt, string? aad, Caller caller, CancellationToken cancellationToken)
    {
        if (ValidateEncryptionKeyIds(appId, refId) is { } refused)
        {
            return refused;
        }

        if (!Base64Url.TryDecodeLenient(data, out var plaintext) ||
            !TryDecodeOptional(salt, out var saltBytes) ||
            !TryDecodeOptional(aad, out var aadBytes))
        {
            return ErrorCodes.NotBase64;
        }

        var key = await _ring.GetCurrentAsync(appId, refId!, caller, cancellationToken);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var recipient = _ring.RecipientOf(key.Value);
        var envelope = MosipEnvelope.Encrypt(recipient.PublicKey, recipient.Thumbprint, plaintext, saltBytes, aadBytes);
        return Base64Url.Encode(envelope);
    }

    /// <summary>Decrypts an envelope made for a key of <paramref name="appId"/>, when <paramref name="caller"/> is bound to it.</summary>
    public async Task<Result<string>> DecryptAsync(string appId, string? refId, string data, string? salt, string? aad, Caller caller, CancellationToken cancellationToken)
    {
        if (!await _access.AuthorizeAsync(appId, caller, cancellationToken))
        {
            return ErrorCodes.DecryptNotAllowed;
        }

        if (!Base64Url.TryDecodeLenient(data, out var envelope) ||
            !TryDecodeOptional(salt, out var saltBytes) ||
            !TryDecodeOptional(aad, out var aadBytes))
        {
            return ErrorCodes.NotBase64;
        }

        if (!MosipEnvelope.TrySplit(envelope, out var parts))
        {
            return ErrorCodes.InvalidEncryptedData;
        }

        var reference = refId ?? string.Empty;
        var memory = envelope.AsMemory();
        Result<byte[]> sessionKey;
        if (parts.HasThumbprint)
        {
            var alias = await _sessionKeys.FindAsync(appId, reference, memory[parts.Thumbprint], cancellationToken);
            if (!alias.IsSuccess)
            {
                return alias.Error;
            }

            sessionKey = await _sessionKeys.UnwrapAsync(alias.Value, memory[parts.EncryptedKey], allowVaultKeys: true, cancellationToken);
        }
        else
        {
            sessionKey = await _sessionKeys.UnwrapWithoutThumbprintAsync(appId, reference, memory[parts.EncryptedKey], cancellationToken);
        }

        if (!sessionKey.IsSuccess)
        {
            return sessionKey.Error;
        }

        try
        {
            return MosipEnvelope.TryDecryptData(sessionKey.Value, envelope.AsSpan(parts.Data), parts.IsV2, saltBytes, aadBytes, out var plaintext)
                ? Base64Url.Encode(plaintext)
                : ErrorCodes.InvalidEncryptedData;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey.Value);
        }
    }

    /// <summary>
    /// MOSIP's <c>validateKeyIdentifierIds</c>: data is never encrypted with a master key, nor with a data-signing key
    /// (KERNEL/SIGN, APP/SIGN) or the ZK master (<see cref="ErrorCodes.EncryptNotAllowed"/>).
    /// </summary>
    public static KavachError? ValidateEncryptionKeyIds(string appId, string? refId)
    {
        if (string.IsNullOrWhiteSpace(refId))
        {
            return ErrorCodes.EncryptNotAllowed;
        }

        // Any application's data-signing key (APP/SIGN, KERNEL/SIGN included) signs only.
        return refId == KeyIds.Sign || (string.Equals(appId, KeyIds.Kernel, StringComparison.OrdinalIgnoreCase) && refId is KeyIds.IdentityCache)
            ? ErrorCodes.EncryptNotAllowed
            : null;
    }

    private static bool TryDecodeOptional(string? value, out byte[] bytes)
    {
        if (string.IsNullOrEmpty(value))
        {
            bytes = [];
            return true;
        }

        return Base64Url.TryDecodeLenient(value, out bytes);
    }
}
