using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Kavach.Storage.Sqlite;

/// <summary>Which SQLite result codes mean "unavailable" and which mean "duplicate".</summary>
internal static class SqliteErrors
{
    // Primary result codes (https://sqlite.org/rescode.html).
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int Constraint = 19;
    private const int NotADatabase = 26;

    // Extended result codes of SQLITE_CONSTRAINT.
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;

    internal static Exception? Translate(DbException exception) => exception switch
    {
        SqliteException { SqliteErrorCode: Constraint, SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey } =>
            KeyStoreConflictException.Wrap(exception),
        SqliteException { SqliteErrorCode: Busy or Locked or ReadOnly or IoError or Corrupt or Full or CantOpen or NotADatabase } =>
            KeyStoreUnavailableException.Wrap(exception),
        _ => null,
    };
}
