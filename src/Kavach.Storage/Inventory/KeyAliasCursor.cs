namespace Kavach.Storage.Inventory;

/// <summary>Where a page of the key inventory ends: the sort key of its last row.</summary>
/// <param name="AppId">Application id of the last row.</param>
/// <param name="RefId">Reference id of the last row.</param>
/// <param name="GeneratedAt">Start of validity of the last row.</param>
/// <param name="Id">Alias of the last row.</param>
/// <param name="ExpiresAt">End of validity of the last row (the expiry timeline's order).</param>
public sealed record KeyAliasCursor(string AppId, string RefId, DateTime GeneratedAt, string Id, DateTime ExpiresAt);
