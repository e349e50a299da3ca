namespace Kavach.Keys.ZeroKnowledge;

/// <summary>
/// MOSIP's <c>data_encrypt_keystore</c>: the pool of random AES-256 keys for zero-knowledge encryption, each wrapped
/// (AES-ECB, no padding) under the ZK master key and stored as standard base64.
/// </summary>
public interface IZkKeyPoolStore
{
    /// <summary>Ids (pool indexes) of the keys whose status is <c>Active</c>, ascending.</summary>
    Task<IReadOnlyList<long>> GetActiveKeyIdsAsync(CancellationToken cancellationToken);

    /// <summary>The wrapped key at <paramref name="id"/>, or null.</summary>
    Task<string?> GetWrappedKeyAsync(long id, CancellationToken cancellationToken);

    /// <summary>Inserts keys with status <c>Active</c> in one transaction, skipping ids that exist; returns how many were inserted.</summary>
    Task<int> InsertKeysAsync(IReadOnlyList<(long Id, string WrappedKey)> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts keys at their indexes with status <c>Active</c> and <c>cr_by</c> = <paramref name="createdBy"/>, in one
    /// transaction; an index that exists keeps its key. Returns the indexes inserted (the others existed).
    /// </summary>
    Task<IReadOnlyList<long>> InsertKeysAtAsync(IReadOnlyList<(long Id, string WrappedKey)> keys, string createdBy, CancellationToken cancellationToken);
}
