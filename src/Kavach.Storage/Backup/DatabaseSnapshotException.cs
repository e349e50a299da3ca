namespace Kavach.Storage.Backup;

/// <summary>
/// A database snapshot could not be taken, checked or restored (no database, a damaged snapshot, a target that is not
/// empty, <c>pg_dump</c> missing or failing). The message says what to do and never quotes a connection string.
/// </summary>
public sealed class DatabaseSnapshotException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DatabaseSnapshotException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public DatabaseSnapshotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DatabaseSnapshotException()
        : this("The database snapshot failed.")
    {
    }
}
