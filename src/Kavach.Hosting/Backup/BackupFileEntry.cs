namespace Kavach.Hosting.Backup;

/// <summary>One file of a backup archive.</summary>
/// <param name="Name">The plain file name in the archive.</param>
/// <param name="Role">What the file is (<see cref="BackupRoles"/>).</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
public sealed record BackupFileEntry(string Name, string Role, long Size, string Sha256);
