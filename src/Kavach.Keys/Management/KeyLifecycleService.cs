using Kavach.Keys.Audit;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Management;

/// <summary><c>revokeKey</c> and <c>generateSymmetricKey</c>.</summary>
public sealed class KeyLifecycleService
{
    /// <summary>Validity of symmetric keys in days (MOSIP's SYMMETRIC_KEY_VALIDITY).</summary>
    public const int SymmetricKeyValidityDays = 3650;

    private static readonly TimeSpan ExpireGrace = TimeSpan.FromMinutes(1);

    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;
    private readonly IKeyRevocationListener[] _listeners;

    /// <summary>Creates the service; <paramref name="listeners"/> are told of every revocation (caches drop the key at once).</summary>
    public KeyLifecycleService(KeyRing ring, IKeyStore store, IKeyVault vault, IEnumerable<IKeyRevocationListener> listeners)
    {
        ArgumentNullException.ThrowIfNull(listeners);
        _ring = ring;
        _store = store;
        _vault = vault;
        _listeners = [.. listeners];
    }

    /// <summary>Expires the current key of (appId, refId) now; the next request makes a new one.</summary>
    public async Task<Result<string>> RevokeKeyAsync(string appId, string refId, CancellationToken cancellationToken)
    {
        if (KeyIds.IsKernelSign(appId, refId))
        {
            return ErrorCodes.RevokeNotAllowed;
        }

        var policies = await _ring.Policies.GetAllAsync(cancellationToken);
        string revoked;
        await using (var scope = await _store.BeginWriteAsync(appId, refId, cancellationToken))
        {
            var now = _ring.Now;
            var current = KeyValidity.Current(await scope.GetAliasesAsync(cancellationToken), now, KeyValidity.PreExpireDays(appId, refId, policies.GetValueOrDefault));
            if (current.Count != 1)
            {
                return ErrorCodes.NoUniqueAlias;
            }

            revoked = current[0].Id;
            await scope.SetExpiryAsync(revoked, now - ExpireGrace, cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }

        foreach (var listener in _listeners)
        {
            listener.KeyRevoked(revoked);
        }

        return "Key Revoked";
    }

    /// <summary>Makes an AES-256 key in the vault for (appId, refId) unless a current one exists (or <paramref name="force"/>).</summary>
    public async Task<Result<string>> GenerateSymmetricKeyAsync(string appId, string refId, bool force, CancellationToken cancellationToken)
    {
        var policies = await _ring.Policies.GetAllAsync(cancellationToken);
        await using var scope = await _store.BeginWriteAsync(appId, refId, cancellationToken);
        var now = _ring.Now;
        var aliases = await scope.GetAliasesAsync(cancellationToken);
        var current = KeyValidity.Current(aliases, now, KeyValidity.PreExpireDays(appId, refId, policies.GetValueOrDefault));
        if (current.Count > 1)
        {
            return ErrorCodes.NoUniqueAlias;
        }

        if (current.Count == 1 && !force)
        {
            return "Key Exists.";
        }

        foreach (var alias in current)
        {
            await scope.SetExpiryAsync(alias.Id, now - ExpireGrace, cancellationToken);
        }

        var aliasId = Guid.NewGuid().ToString();
        var generatedAt = CertificateFactory.TruncateToSeconds(now);
        await _vault.CreateSecretKeyAsync(aliasId, cancellationToken);
        try
        {
            await scope.InsertAliasAsync(new KeyAlias(aliasId, appId, refId, generatedAt, generatedAt.AddDays(SymmetricKeyValidityDays), null, null), cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }
        catch
        {
            await _vault.DeleteAsync(aliasId, CancellationToken.None);
            throw;
        }

        AuditScope.KeyGenerated(aliasId, appId, refId, rotation: aliases.Count > 0);
        return "Generation Success";
    }
}
