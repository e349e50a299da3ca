namespace Kavach.Keys.Storage;

/// <summary>
/// The key manager's database: key aliases, database-held keys and key policies.
/// Implementations: SQLite (embedded default) and PostgreSQL; both pass the same contract tests.
/// </summary>
public interface IKeyStore
{
    /// <summary>True when the database answers.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);

    /// <summary>All key policies.</summary>
    Task<IReadOnlyList<KeyPolicy>> GetPoliciesAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a key policy (operator tooling and tests).</summary>
    Task UpsertPolicyAsync(KeyPolicy policy, CancellationToken cancellationToken);

    /// <summary>Aliases of (appId, refId), oldest first (ascending <see cref="KeyAlias.GeneratedAt"/>, then id).</summary>
    Task<IReadOnlyList<KeyAlias>> GetAliasesAsync(string appId, string refId, CancellationToken cancellationToken);

    /// <summary>All aliases of an application whose reference id is <c>""</c>, across every application.</summary>
    Task<IReadOnlyList<KeyAlias>> GetMasterAliasesAsync(CancellationToken cancellationToken);

    /// <summary>Every alias (master, base, signing, symmetric keys), by application id, reference id, then oldest first: the inventory operators list.</summary>
    Task<IReadOnlyList<KeyAlias>> GetAllAliasesAsync(CancellationToken cancellationToken);

    /// <summary>One alias by id, or null.</summary>
    Task<KeyAlias?> GetAliasAsync(string id, CancellationToken cancellationToken);

    /// <summary>Aliases whose certificate thumbprint equals <paramref name="thumbprintHex"/> (upper-case hex).</summary>
    Task<IReadOnlyList<KeyAlias>> FindAliasesByThumbprintAsync(string thumbprintHex, CancellationToken cancellationToken);

    /// <summary>The <c>key_store</c> row of an alias, or null.</summary>
    Task<StoredKey?> GetStoredKeyAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// How many base keys (reference id not <c>""</c>) of <paramref name="appId"/> have <c>cr_by</c> =
    /// <paramref name="createdBy"/>: the total the key-creation limit counts, shared by every replica.
    /// </summary>
    Task<long> CountBaseKeysCreatedByAsync(string appId, string createdBy, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a transaction that holds an exclusive lock on (appId, refId) until it is committed or disposed:
    /// two callers (threads or processes) never hold it at once, so "check for a current key, else create one"
    /// inside it runs exactly once. Disposing without <see cref="IKeyStoreWriteScope.CommitAsync"/> rolls back.
    /// </summary>
    Task<IKeyStoreWriteScope> BeginWriteAsync(string appId, string refId, CancellationToken cancellationToken);
}
