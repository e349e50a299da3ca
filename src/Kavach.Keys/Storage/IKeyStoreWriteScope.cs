namespace Kavach.Keys.Storage;

/// <summary>A write transaction holding the (appId, refId) lock; see <see cref="IKeyStore.BeginWriteAsync"/>.</summary>
public interface IKeyStoreWriteScope : IAsyncDisposable
{
    /// <summary>Aliases of the locked (appId, refId), oldest first, read inside the transaction.</summary>
    Task<IReadOnlyList<KeyAlias>> GetAliasesAsync(CancellationToken cancellationToken);

    /// <summary>The <c>key_store</c> row of an alias, read inside the transaction.</summary>
    Task<StoredKey?> GetStoredKeyAsync(string id, CancellationToken cancellationToken);

    /// <summary>True if some alias (of any application) already has this <c>uni_ident</c>.</summary>
    Task<bool> UniqueIdentifierExistsAsync(string uniqueIdentifier, CancellationToken cancellationToken);

    /// <summary>Inserts a <c>key_alias</c> row.</summary>
    Task InsertAliasAsync(KeyAlias alias, CancellationToken cancellationToken);

    /// <summary>Inserts a <c>key_store</c> row.</summary>
    Task InsertStoredKeyAsync(StoredKey key, CancellationToken cancellationToken);

    /// <summary>Sets <c>key_expire_dtimes</c> of an alias.</summary>
    Task SetExpiryAsync(string aliasId, DateTime expiresAt, CancellationToken cancellationToken);

    /// <summary>Replaces the validity, thumbprint and unique identifier of an alias (certificate upload).</summary>
    Task UpdateAliasCertificateAsync(string aliasId, DateTime generatedAt, DateTime expiresAt, string certThumbprint, string uniqueIdentifier, CancellationToken cancellationToken);

    /// <summary>Replaces <c>key_store.certificate_data</c> of a database-held key.</summary>
    Task UpdateStoredCertificateAsync(string id, string certificatePem, CancellationToken cancellationToken);

    /// <summary>Commits the transaction and releases the lock.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
