using System.Data.Common;
using Kavach.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Kavach.Storage.Trust;

/// <summary>The trust repository on the SQLite file of the key store (same connection rules and timestamp text).</summary>
internal sealed class SqliteTrustDialect : TrustDialect
{
    private readonly string _connectionString;

    public SqliteTrustDialect(string connectionString) => _connectionString = SqliteConnections.Normalize(connectionString);

    public override string TablePrefix => string.Empty;

    public override string BinaryCollation => string.Empty;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await SqliteConnections.OpenAsync(_connectionString, cancellationToken);

    // deferred: false is BEGIN IMMEDIATE: the writer lock is taken now, so a concurrent writer waits instead of failing later.
    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override void AddTimestamp(DbCommand command, string name, DateTime? value) =>
        SqlTrustRepository.AddParameter(command, name, value is { } instant ? UtcTimestamp.ToSqliteText(instant) : null);

    public override DateTime? ReadTimestamp(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UtcTimestamp.FromSqliteText(reader.GetString(ordinal));

    public override Exception? Translate(DbException exception) => SqliteErrors.Translate(exception);
}
