using System.Data.Common;
using Kavach.Storage.Migrations;
using Microsoft.Data.Sqlite;

namespace Kavach.Storage.Sqlite;

/// <summary>
/// Applies the embedded SQLite migrations inside one <c>BEGIN IMMEDIATE</c> transaction: the database's writer
/// lock makes a second process (or task) wait, then find the versions already recorded and do nothing.
/// </summary>
internal static class SqliteMigrator
{
    private const string CreateMigrationsTable =
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     integer   NOT NULL,
            applied_at  timestamp NOT NULL,
            CONSTRAINT pk_schema_migrations PRIMARY KEY (version)
        )
        """;

    internal static async Task ApplyAsync(SqliteDialect dialect, string connectionString, Func<DateTime> now, CancellationToken cancellationToken)
    {
        var migrations = MigrationCatalog.Load(StoreProvider.Sqlite);
        await using var connection = await SqliteConnections.OpenAsync(connectionString, cancellationToken);

        // WAL lets readers go on while one writer works; the setting is stored in the file, so once is enough,
        // and it cannot be changed inside a transaction.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", cancellationToken);

        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, transaction, CreateMigrationsTable, cancellationToken);

        var applied = new HashSet<int>();
        await using (var command = SqlKeyStore.CreateCommand(connection, transaction, "SELECT version FROM schema_migrations"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var migration in migrations)
        {
            if (applied.Contains(migration.Version))
            {
                continue;
            }

            var stamp = now();
            await using (var command = SqlKeyStore.CreateCommand(connection, transaction, migration.Sql))
            {
                if (migration.UsesNow)
                {
                    dialect.AddTimestamp(command, Migration.NowParameter, stamp);
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = SqlKeyStore.CreateCommand(
                connection, transaction, "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @now)"))
            {
                SqlKeyStore.AddParameter(record, "@version", migration.Version);
                dialect.AddTimestamp(record, "@now", stamp);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = SqlKeyStore.CreateCommand(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
