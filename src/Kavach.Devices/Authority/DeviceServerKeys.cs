using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Audit;
using Kavach.Keys.Authorities;
using Kavach.Keys.Certificates;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Devices.Authority;

/// <summary>
/// The device server's message keys (spec §4.1) in the vault, each RSA-3072 with a certificate ROOT issued: the signing
/// key (<see cref="SigningApplicationId"/>; digitalSignature only, CA:FALSE, so it never issues) and the encryption key
/// (<see cref="EncryptionApplicationId"/>; keyEncipherment only) devices encrypt to by <c>kid</c>. A key is replaced
/// <see cref="DeviceAuthorityOptions.ServerKeyRolloverDays"/> before it expires; earlier encryption keys stay accepted
/// until they expire, so devices holding the previous <c>kid</c> keep working through a rollover. Neither application
/// has a key policy, so no key-manager API caller reaches these keys.
/// </summary>
public sealed class DeviceServerKeys : IDeviceServerKeys
{
    /// <summary>The application id of the signing key's <c>key_alias</c> rows.</summary>
    public const string SigningApplicationId = "KAVACH_DEVICE_SIGN";

    /// <summary>The application id of the encryption keys' <c>key_alias</c> rows.</summary>
    public const string EncryptionApplicationId = "KAVACH_DEVICE_ENC";

    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ListLifetime = TimeSpan.FromMinutes(1);

    private readonly VaultHeldKeys _keys;
    private readonly IKeyVault _vault;
    private readonly SubjectDefaults _subject;
    private readonly DeviceAuthorityOptions _options;
    private readonly TimeProvider _time;
    private volatile KeyList? _signing;
    private volatile KeyList? _encryption;

    /// <summary>Creates the key set; nothing is touched until first use.</summary>
    public DeviceServerKeys(KeyRing ring, IKeyStore store, IKeyVault vault, SubjectDefaults subject, DeviceAuthorityOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _keys = new VaultHeldKeys(ring, store, vault);
        _vault = vault;
        _subject = subject;
        _options = options;
        _time = time;
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>The <c>kid</c> of an encryption key: <c>srv-enc-&lt;yyyy-MM of notBefore&gt;-&lt;8 hex of its SHA-256 thumbprint&gt;</c>, stable for the key's life.</summary>
    public static string KidOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant();
        return $"srv-enc-{certificate.NotBefore.ToUniversalTime():yyyy-MM}-{thumbprint[..8]}";
    }

    /// <inheritdoc />
    public async ValueTask<(string Kid, X509Certificate2 Certificate)> GetEncryptionKeyAsync(CancellationToken cancellationToken)
    {
        var key = await CurrentAsync(EncryptionApplicationId, X509KeyUsageFlags.KeyEncipherment, "Kavach Device Server Encryption", cancellationToken);
        return (KidOf(key.Certificate), key.Certificate);
    }

    /// <inheritdoc />
    public async ValueTask<byte[]?> UnwrapContentKeyAsync(string kid, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(kid) || encryptedKey.IsEmpty)
        {
            return null;
        }

        // Make sure a current key exists (first use), then look the kid up among every key not yet expired.
        _ = await GetEncryptionKeyAsync(cancellationToken);
        var now = Now;
        var key = (await ListAsync(EncryptionApplicationId, cancellationToken)).Keys
            .FirstOrDefault(k => k.Root is not null && k.Certificate.NotBefore.ToUniversalTime() <= now && now < k.Certificate.NotAfter.ToUniversalTime() && string.Equals(KidOf(k.Certificate), kid, StringComparison.Ordinal));
        if (key is null)
        {
            return null;
        }

        try
        {
            var contentKey = _vault.DecryptOaepSha256(key.Alias.Id, encryptedKey.Span);
            AuditScope.KeyUsed(key.Alias.Id);
            return contentKey;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken)
    {
        var key = await CurrentAsync(SigningApplicationId, X509KeyUsageFlags.DigitalSignature, "Kavach Device Server Signing", cancellationToken);
        var signature = _vault.SignData(key.Alias.Id, signingInput.Span, VaultSignatureAlgorithm.RsaPkcs1Sha256);
        AuditScope.KeyUsed(key.Alias.Id);
        return signature;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<X509Certificate2>> GetSigningChainAsync(CancellationToken cancellationToken)
    {
        var key = await CurrentAsync(SigningApplicationId, X509KeyUsageFlags.DigitalSignature, "Kavach Device Server Signing", cancellationToken);

        // ROOT issued it directly and devices pin ROOT, so the chain is the signing certificate alone.
        return [key.Certificate];
    }

    private async Task<VaultHeldKey> CurrentAsync(string applicationId, X509KeyUsageFlags usage, string commonName, CancellationToken cancellationToken)
    {
        if (Usable((await ListAsync(applicationId, cancellationToken)).Keys) is { } current)
        {
            return current;
        }

        var made = await _keys.CreateUnlessAsync(
            applicationId,
            Usable,
            VaultKeyType.Rsa3072,
            (publicKey, root) =>
            {
                var notBefore = CertificateFactory.TruncateToSeconds(Now - Backdate);
                var subject = DeviceCertificateProfile.Subject(commonName, _subject);
                return DeviceCertificateProfile.ServerKey(subject, publicKey, usage, root, notBefore, notBefore.AddDays(Math.Max(_options.ServerKeyValidityDays, _options.ServerKeyRolloverDays + 1)));
            },
            cancellationToken);
        _ = await ListAsync(applicationId, cancellationToken, refresh: true);
        return made;
    }

    /// <summary>The newest key whose ROOT we hold and which is not yet due for replacement.</summary>
    private VaultHeldKey? Usable(IReadOnlyList<VaultHeldKey> keys)
    {
        var now = Now;
        var rollover = TimeSpan.FromDays(_options.ServerKeyRolloverDays);
        return keys.FirstOrDefault(k => k.Root is not null && k.Certificate.NotBefore.ToUniversalTime() <= now && now + rollover < k.Certificate.NotAfter.ToUniversalTime());
    }

    private async Task<KeyList> ListAsync(string applicationId, CancellationToken cancellationToken, bool refresh = false)
    {
        var now = _time.GetUtcNow();
        var cached = applicationId == SigningApplicationId ? _signing : _encryption;
        if (!refresh && cached is not null && now >= cached.ReadAt && now < cached.ReadAt + ListLifetime)
        {
            return cached;
        }

        var list = new KeyList(await _keys.ListAsync(applicationId, cancellationToken), now);
        if (applicationId == SigningApplicationId)
        {
            _signing = list;
        }
        else
        {
            _encryption = list;
        }

        return list;
    }

    private sealed record KeyList(IReadOnlyList<VaultHeldKey> Keys, DateTimeOffset ReadAt);
}
