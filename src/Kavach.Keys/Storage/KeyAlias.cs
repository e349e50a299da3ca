namespace Kavach.Keys.Storage;

/// <summary>One row of <c>key_alias</c>: the metadata of a key (MOSIP's <c>keymgr.key_alias</c>).</summary>
/// <param name="Id">The alias (a UUID string); also the vault alias and the <c>key_store.id</c>.</param>
/// <param name="AppId">Application id (module).</param>
/// <param name="RefId">Reference id; <c>""</c> for master keys.</param>
/// <param name="GeneratedAt">Start of validity, UTC.</param>
/// <param name="ExpiresAt">End of validity, UTC; moved to now-1min by force, revoke and replacement.</param>
/// <param name="CertThumbprint">Upper-case hex SHA-256 of the certificate DER; null for symmetric keys.</param>
/// <param name="UniqueIdentifier">Upper-case hex SHA-1 of the unique value (MOSIP <c>uni_ident</c>); null for symmetric keys.</param>
public sealed record KeyAlias(
    string Id,
    string AppId,
    string RefId,
    DateTime GeneratedAt,
    DateTime ExpiresAt,
    string? CertThumbprint,
    string? UniqueIdentifier);
