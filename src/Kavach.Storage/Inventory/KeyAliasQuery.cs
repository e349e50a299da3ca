namespace Kavach.Storage.Inventory;

/// <summary>One page of the key inventory: filters, order and the keyset cursor.</summary>
/// <param name="Clock">Now and the revoked aliases.</param>
/// <param name="AppId">Only this application, when set.</param>
/// <param name="RefId">Only this reference id, when set.</param>
/// <param name="State">Only keys in this state, when set.</param>
/// <param name="ExpiresBy">
/// When set, only active keys whose validity ends at or before it, ordered by expiry then alias (the expiry timeline);
/// otherwise ordered by application, reference, start of validity (oldest first), alias.
/// </param>
/// <param name="After">The last row of the previous page, or null for the first page.</param>
/// <param name="Limit">Rows per page.</param>
public sealed record KeyAliasQuery(
    KeyStateClock Clock,
    string? AppId,
    string? RefId,
    KeyAliasState? State,
    DateTime? ExpiresBy,
    KeyAliasCursor? After,
    int Limit);
