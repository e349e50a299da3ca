using System.Security.Cryptography;
using Kavach.Crypto;
using Kavach.Keys.Audit;
using Kavach.Keys.Errors;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.ZeroKnowledge;
using Microsoft.Extensions.Logging;

namespace Kavach.Keys.Migration;

/// <summary>
/// MOSIP's <c>migrateZKKeys</c> (spec §10.2): each pool key arrives encrypted to the temporary key
/// (<see cref="ZkTempKey"/>), is decrypted in the vault and re-wrapped under this key manager's ZK master key at its
/// own index. Items are independent; the good ones are written in one transaction after all were read, so a request
/// that fails as a whole writes nothing.
/// </summary>
public sealed partial class ZkKeyMigrator
{
    private const int PoolKeyBytes = 32;

    private readonly ZkTempKey _tempKey;
    private readonly IKeyVault _vault;
    private readonly IZkKeyPoolStore _poolStore;
    private readonly ZkKeyPool _pool;
    private readonly ILogger<ZkKeyMigrator> _logger;

    /// <summary>Creates the migrator.</summary>
    public ZkKeyMigrator(IKeyStore store, IKeyVault vault, IZkKeyPoolStore poolStore, ZkKeyPool pool, TimeProvider time, ILogger<ZkKeyMigrator> logger)
    {
        _tempKey = new ZkTempKey(store, vault, time);
        _vault = vault;
        _poolStore = poolStore;
        _pool = pool;
        _logger = logger;
    }

    /// <summary>The temporary key's certificate (PEM), made when none is current; an expired one is deleted first.</summary>
    public Task<Result<string>> GetTempCertificateAsync(CancellationToken cancellationToken) => _tempKey.GetOrCreateCertificateAsync(cancellationToken);

    /// <summary>
    /// Migrates <paramref name="items"/> and answers one status per item, in order: <see cref="KeyMigrationStatus.Success"/>,
    /// <see cref="KeyMigrationStatus.Failed"/> (not decryptable: nothing written) or <see cref="KeyMigrationStatus.NotAllowed"/>
    /// (the index exists, or came earlier in the request). With <paramref name="purgeTempKey"/> the temporary key is then
    /// deleted from the vault and its alias expired. KER-KMS-003 when there is no single current temporary or ZK master key.
    /// </summary>
    public async Task<Result<IReadOnlyList<ZkKeyMigrationResult>>> MigrateAsync(IReadOnlyList<ZkKeyMigrationItem?> items, bool purgeTempKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var temp = await _tempKey.CurrentAsync(cancellationToken);
        if (!temp.IsSuccess)
        {
            return temp.Error;
        }

        var tempAlias = temp.Value;
        var results = new ZkKeyMigrationResult[items.Count];
        var accepted = new Dictionary<long, (string Wrapped, int Position)>();
        for (var position = 0; position < items.Count; position++)
        {
            var item = items[position];
            if (item?.KeyIndex is not int index)
            {
                results[position] = new ZkKeyMigrationResult(item?.KeyIndex, KeyMigrationStatus.Failed);
                continue;
            }

            if (accepted.ContainsKey(index))
            {
                results[position] = new ZkKeyMigrationResult(index, KeyMigrationStatus.NotAllowed);
                continue;
            }

            var wrapped = await RewrapAsync(tempAlias, item.EncryptedKeyData, cancellationToken);
            if (wrapped.IsSuccess)
            {
                accepted[index] = (wrapped.Value, position);
                continue;
            }

            if (wrapped.Error == ErrorCodes.ZkNoUniqueAlias)
            {
                // No ZK master to wrap under: nothing of this request is written (MOSIP's answer for a missing alias).
                return ErrorCodes.NoUniqueAlias;
            }

            // MOSIP looks for the index first: an existing index is "not allowed" whatever its data.
            var exists = await _poolStore.GetWrappedKeyAsync(index, cancellationToken) is not null;
            results[position] = new ZkKeyMigrationResult(index, exists ? KeyMigrationStatus.NotAllowed : KeyMigrationStatus.Failed);
        }

        if (accepted.Count > 0)
        {
            var inserted = (await _poolStore.InsertKeysAtAsync([.. accepted.Select(a => (a.Key, a.Value.Wrapped))], KeyMigrationIds.CreatedBy, cancellationToken)).ToHashSet();
            foreach (var (index, (_, position)) in accepted)
            {
                results[position] = new ZkKeyMigrationResult((int)index, inserted.Contains(index) ? KeyMigrationStatus.Success : KeyMigrationStatus.NotAllowed);
            }

            _pool.ForgetActiveIds();
            LogMigrated(_logger, inserted.Count, items.Count);
        }

        if (purgeTempKey)
        {
            await _tempKey.PurgeAsync(tempAlias, cancellationToken);
            AuditScope.KeyRevoked(tempAlias);
        }

        return results;
    }

    private async Task<Result<string>> RewrapAsync(string tempAlias, string? encryptedKeyData, CancellationToken cancellationToken)
    {
        if (!Base64Url.TryDecodeLenient(encryptedKeyData, out var ciphertext) || ciphertext.Length == 0)
        {
            return ErrorCodes.ZkRandomKeyCipherFailed;
        }

        byte[] key;
        try
        {
            key = _vault.DecryptOaepSha256(tempAlias, ciphertext);
        }
        catch (CryptographicException)
        {
            return ErrorCodes.ZkRandomKeyCipherFailed;
        }

        try
        {
            // Pool keys are AES-256 keys; anything else would break every zkDecrypt that picks the index.
            return key.Length == PoolKeyBytes ? await _pool.WrapAsync(key, cancellationToken) : ErrorCodes.ZkRandomKeyCipherFailed;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrated {Inserted} zero-knowledge pool keys of {Requested} requested")]
    private static partial void LogMigrated(ILogger logger, int inserted, int requested);
}
