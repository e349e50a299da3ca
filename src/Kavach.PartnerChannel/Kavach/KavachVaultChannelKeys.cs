using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.Keys.DataProtection;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Signatures;
using Kavach.Keys.Storage;
using Kavach.PartnerChannel.Keys;

namespace Kavach.PartnerChannel.Kavach;

/// <summary>
/// The service's channel keys from Kavach's own key manager, in process: signatures with <c>&lt;APP&gt;/SIGN</c> through
/// <see cref="SigningKeyProvider"/> (inside the vault; a key whose certificate can issue never signs), decryption with
/// the base key <c>&lt;APP&gt;/&lt;ref&gt;</c> found by its certificate thumbprint and unwrapped through
/// <see cref="SessionKeyDecryptor"/> and the private-key cache, so a request costs one RSA private operation.
/// </summary>
public sealed class KavachVaultChannelKeys : IChannelSigner, IChannelDecryptor
{
    private readonly SigningKeyProvider _signingKeys;
    private readonly SessionKeyDecryptor _sessionKeys;
    private readonly KeyRing _ring;
    private readonly string _applicationId;
    private readonly string _encryptionReferenceId;

    /// <summary>Creates the keys of <paramref name="applicationId"/> (signing) and (<paramref name="applicationId"/>, <paramref name="encryptionReferenceId"/>) (encryption).</summary>
    public KavachVaultChannelKeys(SigningKeyProvider signingKeys, SessionKeyDecryptor sessionKeys, KeyRing ring, string applicationId, string encryptionReferenceId)
    {
        ArgumentNullException.ThrowIfNull(signingKeys);
        ArgumentNullException.ThrowIfNull(sessionKeys);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(encryptionReferenceId);
        _signingKeys = signingKeys;
        _sessionKeys = sessionKeys;
        _ring = ring;
        _applicationId = applicationId;
        _encryptionReferenceId = encryptionReferenceId;
    }

    /// <summary>The signing side (both interfaces name their certificate accessor alike, so each is implemented explicitly).</summary>
    public IChannelSigner Signer => this;

    /// <summary>The decrypting side.</summary>
    public IChannelDecryptor Decryptor => this;

    /// <inheritdoc />
    async ValueTask<X509Certificate2> IChannelSigner.GetCertificateAsync(CancellationToken cancellationToken) =>
        (await GetSigningKeyAsync(cancellationToken)).Certificate;

    /// <inheritdoc />
    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var key = await GetSigningKeyAsync(cancellationToken);
        var prepared = await _signingKeys.PrepareAsync(key, JwsAlgorithm.RS256, cancellationToken);
        if (!prepared.IsSuccess)
        {
            throw new InvalidOperationException($"The signing key of {_applicationId} cannot sign RS256 ({prepared.Error.Code}).");
        }

        using var signer = prepared.Value;
        return signer.Sign(data.ToArray());
    }

    /// <inheritdoc />
    async ValueTask<X509Certificate2> IChannelDecryptor.GetCertificateAsync(CancellationToken cancellationToken)
    {
        var key = await _ring.GetCurrentAsync(_applicationId, _encryptionReferenceId, cancellationToken);
        return key.IsSuccess
            ? key.Value.Certificate
            : throw new InvalidOperationException($"The encryption key {_applicationId}/{_encryptionReferenceId} is not available ({key.Error.Code}).");
    }

    /// <inheritdoc />
    public async ValueTask<byte[]?> DecryptJweAsync(string compactJwe, CancellationToken cancellationToken)
    {
        if (!JweCompact.TryReadHeader(compactJwe, out var header) ||
            header.Alg != JweCompact.KeyManagementAlgorithm ||
            header.Enc != JweCompact.ContentEncryptionAlgorithm ||
            !JoseKeyIds.TryThumbprintHexFromKid(header.Kid, out var thumbprintHex))
        {
            return null;
        }

        var parts = compactJwe.Split('.');
        if (parts.Length != 5 || !Base64Url.TryDecodeUrlSafe(parts[1], out var encryptedKey))
        {
            return null;
        }

        // A key that does not unwrap still runs AES-GCM under a decoy key inside JweCompact: no timing tells which step failed.
        var cek = await UnwrapAsync(Convert.FromHexString(thumbprintHex), encryptedKey, cancellationToken);
        try
        {
            return JweCompact.TryDecrypt(compactJwe, _ => cek is null ? null : (byte[])cek.Clone(), out _, out var plaintext) ? plaintext : null;
        }
        finally
        {
            if (cek is not null)
            {
                CryptographicOperations.ZeroMemory(cek);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<MosipDecryptedRequest?> DecryptMosipRequestAsync(MosipEncryptedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sessionKey = await UnwrapAsync(request.Thumbprint, request.EncryptedSessionKey, cancellationToken);
        if (sessionKey is null)
        {
            return null;
        }

        try
        {
            if (sessionKey.Length != 32 ||
                !MosipAes.TryDecryptWithAppendedIv(sessionKey, request.EncryptedRequest, [], out var plaintext))
            {
                return null;
            }

            if (!MosipAes.TryDecryptWithAppendedIv(sessionKey, request.EncryptedHmac, [], out var hmac))
            {
                CryptographicOperations.ZeroMemory(plaintext);
                return null;
            }

            return new MosipDecryptedRequest(plaintext, hmac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey);
        }
    }

    private async Task<SigningKey> GetSigningKeyAsync(CancellationToken cancellationToken)
    {
        var key = await _signingKeys.GetAsync(_applicationId, KeyIds.Sign, cancellationToken);
        return key.IsSuccess
            ? key.Value
            : throw new InvalidOperationException($"The signing key {_applicationId}/{KeyIds.Sign} is not available ({key.Error.Code}).");
    }

    /// <summary>
    /// The session key under our base key (<c>&lt;APP&gt;/&lt;ref&gt;</c>) whose certificate has this SHA-256 thumbprint; null
    /// when the thumbprint names no key, another key (even of the same application), or the key does not unwrap.
    /// </summary>
    private async Task<byte[]?> UnwrapAsync(byte[] thumbprint, byte[] encryptedKey, CancellationToken cancellationToken)
    {
        if (thumbprint.Length != 32 || encryptedKey.Length == 0)
        {
            return null;
        }

        var alias = await _sessionKeys.FindAsync(_applicationId, _encryptionReferenceId, thumbprint, cancellationToken);
        if (!alias.IsSuccess || !IsOurEncryptionKey(alias.Value))
        {
            return null;
        }

        var key = await _sessionKeys.UnwrapAsync(alias.Value, encryptedKey, allowVaultKeys: false, cancellationToken);
        return key.IsSuccess ? key.Value : null;
    }

    private bool IsOurEncryptionKey(KeyAlias alias) =>
        string.Equals(alias.AppId, _applicationId, StringComparison.Ordinal) &&
        string.Equals(alias.RefId, _encryptionReferenceId, StringComparison.Ordinal);
}
