namespace Kavach.Hosting.Backup;

/// <summary>What a backup archive holds: the first entry of its (encrypted) content, <c>manifest.json</c>.</summary>
/// <param name="FormatVersion">The archive format (1).</param>
/// <param name="CreatedAt">When the backup was made.</param>
/// <param name="StoreKind"><c>Sqlite</c> or <c>PostgreSql</c>.</param>
/// <param name="VaultKind"><c>Pkcs12</c> or <c>Pkcs11</c>.</param>
/// <param name="VaultKeysIncluded">False for a PKCS#11 vault: the HSM's keys are not in the archive.</param>
/// <param name="Files">Every file in the archive with its size and SHA-256.</param>
/// <param name="Notes">What the operator must know about this backup (HSM keys elsewhere, salts from configuration).</param>
public sealed record BackupManifest(
    int FormatVersion,
    DateTimeOffset CreatedAt,
    string StoreKind,
    string VaultKind,
    bool VaultKeysIncluded,
    IReadOnlyList<BackupFileEntry> Files,
    IReadOnlyList<string> Notes);
