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

namespace Kavach.PartnerChannel.InProcess;

/// <summary>
/// The service's channel keys from Kavach's own key manager, in process: signatures with <c>&lt;APP&gt;/SIGN</c> through
/// <see cref="SigningKeyProvider"/> (inside the vault; a key whose certificate can issue never signs), decryption with
/// the base key <c>&lt;APP&gt;/&lt;ref&gt;</c> found by its certificate thumbprint and unwrapped through
/// <see cref="SessionKeyDecryptor"/> and the private-key cache, so a request costs one RSA private operation.
/// </summary>
/// <remarks>
/// Both certificates are asked for on every request, so the resolved keys are kept for <see cref="RefreshInterval"/>
/// (the key policies' own refresh time): a rotation or revocation of <c>&lt;APP&gt;/SIGN</c> reaches the channel
/// within it, never a database read per request.
/// </remarks>
public sealed class KavachVaultChannelKeys : IChannelSigner, IChannelDecryptor
{
    /// <summary>How long a resolved key is used before the key manager is asked again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private volatile Timed<SigningKey>? _signing;
    private volatile Timed<X509Certificate2>? _encryption;

    private readonly SigningKeyProvider _signingKeys;
    private readonly SessionKeyDecryptor _sessionKeys;
    private readonly KeyRing _ring;
    private readonly string _applicationId;
    private readonly string _encryptionReferenceId;

    /// <summary>Creates the keys of <paramref name="applicationId"/> (signing) and (<paramref name="applicationId"/>, <paramref name="encryptionReferenceId"/>) (encryption).</summary>
    public KavachVaultChannelKeys(SigningKeyProvider signingKeys, SessionKeyDecryptor sessionKeys, KeyRing ring, TimeProvider time, string applicationId, string encryptionReferenceId)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
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
        var now = _time.GetUtcNow();
        if (_encryption is { } cached && cached.IsFresh(now))
        {
            return cached.Value;
        }

        var key = await _ring.GetCurrentAsync(_applicationId, _encryptionReferenceId, cancellationToken);
        if (!key.IsSuccess)
        {
            throw new InvalidOperationException($"The encryption key {_applicationId}/{_encryptionReferenceId} is not available ({key.Error.Code}).");
        }

        _encryption = new Timed<X509Certificate2>(key.Value.Certificate, now);
        return key.Value.Certificate;
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
        var now = _time.GetUtcNow();
        if (_signing is { } cached && cached.IsFresh(now) && now < cached.Value.Certificate.NotAfter.ToUniversalTime())
        {
            return cached.Value;
        }

        var key = await _signingKeys.GetAsync(_applicationId, KeyIds.Sign, cancellationToken);
        if (!key.IsSuccess)
        {
            throw new InvalidOperationException($"The signing key {_applicationId}/{KeyIds.Sign} is not available ({key.Error.Code}).");
        }

        _signing = new Timed<SigningKey>(key.Value, now);
        return key.Value;
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

    private sealed record Timed<T>(T Value, DateTimeOffset FetchedAt)
    {
        public bool IsFresh(DateTimeOffset now) => now >= FetchedAt && now - FetchedAt < RefreshInterval;
    }
}
