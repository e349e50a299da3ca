using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Audit;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Migration;

/// <summary>
/// The temporary RSA key (KEY_MIGRATE / ZK_TEMP_KEY) that receives the zero-knowledge pool keys during a migration.
/// It lives in the vault with a self-signed, non-CA, keyEncipherment-only certificate and a <c>key_alias</c> row but
/// no <c>key_store</c> row, so only <see cref="ZkKeyMigrator"/> uses it: decrypt finds no private key for it, and no
/// signing path selects it.
/// </summary>
internal sealed class ZkTempKey
{
    private static readonly TimeSpan ExpireGrace = TimeSpan.FromMinutes(1);
    private static readonly X500DistinguishedName Subject = new($"CN={KeyMigrationIds.TempKeyCommonName}");

    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;
    private readonly TimeProvider _time;

    public ZkTempKey(IKeyStore store, IKeyVault vault, TimeProvider time)
    {
        _store = store;
        _vault = vault;
        _time = time;
    }

    private static string AppId => KeyMigrationIds.TempKeyApplicationId;

    private static string RefId => KeyMigrationIds.TempKeyReferenceId;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>The current key's certificate, or a new key's when none is current (inside the pair's lock: one key, however many callers).</summary>
    public async Task<Result<string>> GetOrCreateCertificateAsync(CancellationToken cancellationToken)
    {
        await using var scope = await _store.BeginWriteAsync(AppId, RefId, cancellationToken);
        var aliases = await scope.GetAliasesAsync(cancellationToken);
        var now = Now;
        var current = KeyValidity.Current(aliases, now, 0);
        if (current.Count > 1)
        {
            return ErrorCodes.NoUniqueAlias;
        }

        if (current.Count == 1)
        {
            var existing = await _vault.GetCertificateAsync(current[0].Id, cancellationToken);
            if (existing is not null)
            {
                return Pem.Certificate(existing);
            }

            // The vault lost the key: retire the row and make a new key.
            await scope.SetExpiryAsync(current[0].Id, now - ExpireGrace, cancellationToken);
        }

        // Expired temporary keys unwrap nothing any more: out of the vault with them (deleting is idempotent).
        foreach (var alias in aliases)
        {
            await _vault.DeleteAsync(alias.Id, cancellationToken);
        }

        var aliasId = Guid.NewGuid().ToString();
        var notBefore = CertificateFactory.TruncateToSeconds(now);
        var notAfter = notBefore + KeyMigrationIds.TempKeyValidity;
        var certificate = await _vault.CreateKeyPairAsync(
            aliasId,
            VaultKeyType.Rsa2048,
            (publicKey, selfSigner) => CertificateFactory.Prepare(CertificateProfile.Encryption, Subject, publicKey, null, notBefore, notAfter).Create(selfSigner),
            cancellationToken);
        try
        {
            var uniqueValue = UniqueIdentifiers.GeneratedValue(AppId, RefId, notBefore);
            var uniqueIdentifier = UniqueIdentifiers.Compute(uniqueValue);
            if (await scope.UniqueIdentifierExistsAsync(uniqueIdentifier, cancellationToken))
            {
                uniqueIdentifier = UniqueIdentifiers.Compute($"{uniqueValue}_{aliasId}");
            }

            using (KeyCreator.Enter(KeyMigrationIds.CreatedBy))
            {
                await scope.InsertAliasAsync(
                    new KeyAlias(aliasId, AppId, RefId, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(), certificate.GetCertHashString(HashAlgorithmName.SHA256), uniqueIdentifier),
                    cancellationToken);
            }

            await scope.CommitAsync(cancellationToken);
        }
        catch
        {
            // No orphaned private keys: the vault key exists only if its row does.
            await _vault.DeleteAsync(aliasId, CancellationToken.None);
            throw;
        }

        AuditScope.KeyGenerated(aliasId, AppId, RefId, rotation: aliases.Count > 0);
        return Pem.Certificate(certificate);
    }

    /// <summary>The alias of the single current temporary key held by the vault; KER-KMS-003 otherwise.</summary>
    public async Task<Result<string>> CurrentAsync(CancellationToken cancellationToken)
    {
        var current = KeyValidity.Current(await _store.GetAliasesAsync(AppId, RefId, cancellationToken), Now, 0);
        if (current.Count != 1 || !await _vault.ContainsAsync(current[0].Id, cancellationToken))
        {
            return ErrorCodes.NoUniqueAlias;
        }

        return current[0].Id;
    }

    /// <summary>Expires the alias, then deletes the key: a row never names a current key the vault no longer holds.</summary>
    public async Task PurgeAsync(string aliasId, CancellationToken cancellationToken)
    {
        await using (var scope = await _store.BeginWriteAsync(AppId, RefId, cancellationToken))
        {
            await scope.SetExpiryAsync(aliasId, Now - ExpireGrace, cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }

        await _vault.DeleteAsync(aliasId, cancellationToken);
    }
}
