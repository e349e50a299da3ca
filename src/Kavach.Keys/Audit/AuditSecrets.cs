using System.Security.Cryptography;
using System.Text;
using Kavach.Crypto;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Audit;

/// <summary>
/// The audit trail's keyed secrets, derived from the vault's AES-256 key KERNEL/AUDIT (made on first use like any
/// symmetric key, so every replica sharing the vault derives the same keys and an HSM keeps the root of them):
/// <c>K(purpose) = AES-256-ECB(KERNEL/AUDIT, SHA-256("kavach-audit-key:" + purpose))</c>, 32 bytes. Purposes:
/// <c>identity</c> (keyed hashes of identities such as ZK ids), <c>record-mac</c>, <c>checkpoint-mac</c> and
/// <c>anchor-mac</c> (checkpoint anchors kept outside the database). The derived keys live in
/// memory only.
/// </summary>
public sealed class AuditSecrets
{
    /// <summary>The reference id of the vault key under application KERNEL.</summary>
    public const string ReferenceId = "AUDIT";

    private const string KeyExists = "Key Exists.";

    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);

    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;
    private readonly KeyLifecycleService _lifecycle;
    private readonly TimeProvider _time;
    private volatile CurrentKeys? _current;

    /// <summary>Creates the secrets over the store, the vault and the lifecycle service that makes the key.</summary>
    public AuditSecrets(IKeyStore store, IKeyVault vault, KeyLifecycleService lifecycle, TimeProvider time)
    {
        _store = store;
        _vault = vault;
        _lifecycle = lifecycle;
        _time = time;
    }

    /// <summary>Raised with the alias id when this instance had to generate KERNEL/AUDIT.</summary>
    public event Action<string>? KeyGenerated;

    /// <summary>
    /// The keyed hash of an identity: <c>&lt;first 8 of the key alias&gt;:base64url(HMAC-SHA256(K(identity), kind ‖ 0x00 ‖ value))</c>.
    /// Equal identities give equal hashes under one key, so investigators can correlate without the value being stored.
    /// </summary>
    public async Task<string> HashIdentityAsync(string kind, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(value);
        var keys = await GetCurrentAsync(cancellationToken);
        var mac = HMACSHA256.HashData(keys.Identity, Encoding.UTF8.GetBytes(kind + "\0" + value));
        return keys.AliasId[..Math.Min(8, keys.AliasId.Length)] + ":" + Base64Url.Encode(mac);
    }

    /// <summary>The current KERNEL/AUDIT alias and its checkpoint MAC key (generating the vault key when none is valid).</summary>
    public async Task<(string AliasId, byte[] MacKey)> GetCheckpointKeyAsync(CancellationToken cancellationToken)
    {
        var keys = await GetCurrentAsync(cancellationToken);
        return (keys.AliasId, keys.Mac);
    }

    /// <summary>The current KERNEL/AUDIT alias and its record MAC key (generating the vault key when none is valid).</summary>
    public async Task<(string AliasId, byte[] MacKey)> GetRecordKeyAsync(CancellationToken cancellationToken)
    {
        var keys = await GetCurrentAsync(cancellationToken);
        return (keys.AliasId, keys.RecordMac);
    }

    /// <summary>The current KERNEL/AUDIT alias and its anchor MAC key (derived on each call: anchors are rare).</summary>
    public async Task<(string AliasId, byte[] MacKey)> GetAnchorKeyAsync(CancellationToken cancellationToken)
    {
        var keys = await GetCurrentAsync(cancellationToken);
        return (keys.AliasId, Derive(keys.AliasId, "anchor-mac"));
    }

    /// <summary>The anchor MAC key of a given KERNEL/AUDIT alias (for verification), or null when it is not one.</summary>
    public Task<byte[]?> AnchorKeyOfAsync(string aliasId, CancellationToken cancellationToken) =>
        KeyOfAsync(aliasId, "anchor-mac", cancellationToken);

    /// <summary>The checkpoint MAC key of a given KERNEL/AUDIT alias (for verification), or null when it is not one.</summary>
    public Task<byte[]?> CheckpointKeyOfAsync(string aliasId, CancellationToken cancellationToken) =>
        KeyOfAsync(aliasId, "checkpoint-mac", cancellationToken);

    /// <summary>The record MAC key of a given KERNEL/AUDIT alias (for verification), or null when it is not one.</summary>
    public Task<byte[]?> RecordKeyOfAsync(string aliasId, CancellationToken cancellationToken) =>
        KeyOfAsync(aliasId, "record-mac", cancellationToken);

    private async Task<byte[]?> KeyOfAsync(string aliasId, string purpose, CancellationToken cancellationToken)
    {
        var alias = await _store.GetAliasAsync(aliasId, cancellationToken);
        if (alias is null || !IsAuditKey(alias) || !await _vault.ContainsAsync(aliasId, cancellationToken))
        {
            return null;
        }

        return Derive(aliasId, purpose);
    }

    private static bool IsAuditKey(KeyAlias alias) =>
        string.Equals(alias.AppId, KeyIds.Kernel, StringComparison.Ordinal) && alias.RefId == ReferenceId && alias.CertThumbprint is null;

    private async Task<CurrentKeys> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_current is { } cached && now - cached.ResolvedAt < Refresh && now >= cached.ResolvedAt)
        {
            return cached;
        }

        // No lock: two callers that both find no key both ask for one, and the store's per-pair lock makes exactly one.
        var alias = await FindAsync(now.UtcDateTime, cancellationToken);
        if (alias is null)
        {
            // Recorded once, as a SYSTEM event (KeyGenerated below), not also into the scope of the request that needed it.
            AuditScope.Enter(null);
            var made = await _lifecycle.GenerateSymmetricKeyAsync(KeyIds.Kernel, ReferenceId, force: false, cancellationToken);
            if (!made.IsSuccess)
            {
                throw new AuditUnavailableException($"The audit key could not be made ({made.Error.Code}).");
            }

            // Looked up at the clock's time now: the key is dated when it was made, which may be a second after `now`.
            now = _time.GetUtcNow();
            alias = await FindAsync(now.UtcDateTime, cancellationToken)
                ?? throw new AuditUnavailableException("The audit key was made but is not current.");
            if (made.Value != KeyExists)
            {
                KeyGenerated?.Invoke(alias.Id);
            }
        }

        if (_current is { } previous && previous.AliasId == alias.Id)
        {
            var refreshed = previous with { ResolvedAt = now };
            _current = refreshed;
            return refreshed;
        }

        var fresh = new CurrentKeys(alias.Id, Derive(alias.Id, "identity"), Derive(alias.Id, "checkpoint-mac"), Derive(alias.Id, "record-mac"), now);
        _current = fresh;
        return fresh;
    }

    private async Task<KeyAlias?> FindAsync(DateTime now, CancellationToken cancellationToken)
    {
        var aliases = await _store.GetAliasesAsync(KeyIds.Kernel, ReferenceId, cancellationToken);
        return aliases
            .Where(a => a.CertThumbprint is null && KeyValidity.IsUnexpired(a, now))
            .OrderByDescending(a => a.GeneratedAt)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private byte[] Derive(string aliasId, string purpose)
    {
        var label = SHA256.HashData(Encoding.UTF8.GetBytes("kavach-audit-key:" + purpose));
        return _vault.EncryptAesEcb(aliasId, label);
    }

    private sealed record CurrentKeys(string AliasId, byte[] Identity, byte[] Mac, byte[] RecordMac, DateTimeOffset ResolvedAt);
}
