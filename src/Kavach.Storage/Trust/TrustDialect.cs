using System.Data.Common;

namespace Kavach.Storage.Trust;

/// <summary>What differs between the databases for the trust repository: connections, write transactions, timestamps, errors.</summary>
internal abstract class TrustDialect
{
    /// <summary><c>keymgr.</c> for PostgreSQL, empty for SQLite.</summary>
    public abstract string TablePrefix { get; }

    /// <summary>A COLLATE clause giving byte order for text sorting, or empty where that is the default.</summary>
    public abstract string BinaryCollation { get; }

    /// <summary>Opens a pooled connection.</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins a write transaction (SQLite takes the writer lock at once, so reads inside it are current).</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Binds a UTC timestamp (or null) the way this database stores it.</summary>
    public abstract void AddTimestamp(DbCommand command, string name, DateTime? value);

    /// <summary>Reads a timestamp column as UTC, or null.</summary>
    public abstract DateTime? ReadTimestamp(DbDataReader reader, int ordinal);

    /// <summary>The exception to throw instead of a provider exception, or null to let it through (a bug).</summary>
    public abstract Exception? Translate(DbException exception);
}
