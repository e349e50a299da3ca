namespace Kavach.Storage.Inventory;

/// <summary>The keys of one application, or of one (application, reference) pair, counted by state in the database.</summary>
/// <param name="AppId">Application id.</param>
/// <param name="RefId">Reference id (<c>""</c> for the module key's own reference); null for a row per application.</param>
/// <param name="ReferenceCount">Distinct reference ids (1 for a row per reference).</param>
/// <param name="KeyCount">Keys.</param>
/// <param name="Active">Keys valid now.</param>
/// <param name="Expired">Keys whose validity ended, not revoked.</param>
/// <param name="Revoked">Revoked keys.</param>
/// <param name="NextExpiry">The earliest end of validity among the active keys, or null.</param>
/// <param name="MasterAlias">The application's newest active module key (reference <c>""</c>), or null.</param>
public sealed record KeyGroupCount(
    string AppId,
    string? RefId,
    long ReferenceCount,
    long KeyCount,
    long Active,
    long Expired,
    long Revoked,
    DateTime? NextExpiry,
    string? MasterAlias);
