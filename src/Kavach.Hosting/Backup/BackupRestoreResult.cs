namespace Kavach.Hosting.Backup;

/// <summary>What a restore did.</summary>
/// <param name="Manifest">The restored archive's manifest.</param>
/// <param name="DataDirectory">The data directory restored into.</param>
/// <param name="Restored">Each restored file's role and where it now is (the database by kind).</param>
public sealed record BackupRestoreResult(BackupManifest Manifest, string DataDirectory, IReadOnlyList<(string Role, string Place)> Restored);
