namespace Kavach.Hosting.Backup;

/// <summary>
/// A backup could not be made, read or restored for a reason the operator can act on (wrong passphrase, an altered or
/// truncated archive, a data directory that is not empty). The message is one sentence that says so; it never holds a
/// secret.
/// </summary>
public sealed class BackupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BackupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BackupException()
        : this("The backup failed.")
    {
    }
}
