namespace Kavach.Hosting.Backup;

/// <summary>The outcome of a verified archive: its manifest and what the database check found.</summary>
/// <param name="Manifest">The archive's manifest (every file matched it).</param>
/// <param name="DatabaseCheck">The database snapshot's check, in words (SQLite <c>integrity_check</c>, <c>pg_restore --list</c>).</param>
public sealed record BackupVerification(BackupManifest Manifest, string DatabaseCheck);
