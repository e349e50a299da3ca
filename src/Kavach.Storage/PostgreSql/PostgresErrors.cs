using System.Data.Common;
using Npgsql;

namespace Kavach.Storage.PostgreSql;

/// <summary>Which Npgsql/PostgreSQL errors mean "unavailable", which "duplicate" and which "a value the request carried".</summary>
internal static class PostgresErrors
{
    private const string UniqueViolation = "23505";

    internal static Exception? Translate(DbException exception) => exception switch
    {
        PostgresException { SqlState: UniqueViolation } => KeyStoreConflictException.Wrap(exception),
        PostgresException server when IsUnavailable(server.SqlState) => KeyStoreUnavailableException.Wrap(exception),

        // Class 22, "data exception": a value of the request the server cannot take (U+0000, too long for its column).
        PostgresException server when server.SqlState.StartsWith("22", StringComparison.Ordinal) => KeyStoreInvalidValueException.Wrap(exception),

        // Any other server error is a bug of ours (bad SQL, missing table): let it through to the logs.
        PostgresException => null,

        // No server answer at all: refused, reset, TLS, timeout, pool exhausted.
        NpgsqlException => KeyStoreUnavailableException.Wrap(exception),
        _ => null,
    };

    /// <summary>SQLSTATE classes that say the server cannot serve us now, not that our statement is wrong.</summary>
    private static bool IsUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)    // connection exception
        || sqlState.StartsWith("28", StringComparison.Ordinal) // invalid authorization (wrong password)
        || sqlState.StartsWith("53", StringComparison.Ordinal) // insufficient resources (disk full, too many connections)
        || sqlState.StartsWith("57", StringComparison.Ordinal) // operator intervention (shutdown, statement timeout)
        || sqlState.StartsWith("58", StringComparison.Ordinal) // system error (I/O)
        || sqlState == "3D000"                                 // the database does not exist
        || sqlState == "55P03";                                // lock not available (lock_timeout)
}
