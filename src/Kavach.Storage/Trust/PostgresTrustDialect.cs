using System.Data;
using System.Data.Common;
using Kavach.Storage.PostgreSql;
using Npgsql;
using NpgsqlTypes;

namespace Kavach.Storage.Trust;

/// <summary>
/// The trust repository on PostgreSQL (schema <c>keymgr</c>). Connections come from Npgsql's pool for the connection
/// string, so the repository holds nothing that needs disposing.
/// </summary>
internal sealed class PostgresTrustDialect : TrustDialect
{
    private readonly string _connectionString;

    public PostgresTrustDialect(string connectionString) => _connectionString = connectionString;

    public override string TablePrefix => "keymgr.";

    public override string BinaryCollation => "COLLATE \"C\"";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    /// <remarks>MOSIP's columns are <c>timestamp</c>; Npgsql refuses a UTC <see cref="DateTime"/> for them unless typed so.</remarks>
    public override void AddTimestamp(DbCommand command, string name, DateTime? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Timestamp)
        {
            Value = value is { } instant ? DateTime.SpecifyKind(UtcTimestamp.Normalize(instant), DateTimeKind.Unspecified) : DBNull.Value,
        });

    public override DateTime? ReadTimestamp(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    public override Exception? Translate(DbException exception) => PostgresErrors.Translate(exception);
}
