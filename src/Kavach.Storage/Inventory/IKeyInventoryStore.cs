namespace Kavach.Storage.Inventory;

/// <summary>
/// The key inventory as the database computes it (operator console, <c>kavach keys list</c>): counts by state with
/// <c>GROUP BY</c> and keyset pages, so no caller loads every key.
/// </summary>
public interface IKeyInventoryStore
{
    /// <summary>One row per application.</summary>
    Task<IReadOnlyList<KeyGroupCount>> CountKeysByApplicationAsync(KeyStateClock clock, CancellationToken cancellationToken);

    /// <summary>One row per reference id of <paramref name="appId"/>.</summary>
    Task<IReadOnlyList<KeyGroupCount>> CountKeysByReferenceAsync(string appId, KeyStateClock clock, CancellationToken cancellationToken);

    /// <summary>One page of keys.</summary>
    Task<IReadOnlyList<KeyAliasDetail>> ListKeysAsync(KeyAliasQuery query, CancellationToken cancellationToken);
}
