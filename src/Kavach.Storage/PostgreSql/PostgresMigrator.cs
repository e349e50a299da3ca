using Kavach.Storage.Migrations;
using Npgsql;
using NpgsqlTypes;

namespace Kavach.Storage.PostgreSql;

/// <summary>
/// Applies the embedded PostgreSQL migrations in one transaction under a fixed advisory transaction lock, so
/// replicas starting together run them once: the others wait, then find the versions recorded and do nothing.
/// </summary>
internal static class PostgresMigrator
{
    // pg_advisory_xact_lock(int, int) has its own key space, apart from the bigint keys of the (appId, refId)
    // write locks, so no pair can ever collide with it. 0x4B564348 is "KVCH".
    private const int LockClass = 0x4B564348;
    private const int LockObject = 1;

    private const string Bootstrap =
        """
        CREATE SCHEMA IF NOT EXISTS keymgr;
        CREATE TABLE IF NOT EXISTS keymgr.schema_migrations (
            version     integer   NOT NULL,
            applied_at  timestamp NOT NULL,
            CONSTRAINT pk_schema_migrations PRIMARY KEY (version)
        );
        """;

    internal static async Task ApplyAsync(PostgresDialect dialect, NpgsqlDataSource dataSource, Func<DateTime> now, CancellationToken cancellationToken)
    {
        var migrations = MigrationCatalog.Load(StoreProvider.PostgreSql);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@class, @object)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<int>("class", NpgsqlDbType.Integer) { TypedValue = LockClass });
            command.Parameters.Add(new NpgsqlParameter<int>("object", NpgsqlDbType.Integer) { TypedValue = LockObject });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // Only when missing: CREATE ... IF NOT EXISTS still needs CREATE rights, which a production role that
        // runs on an operator-made schema may rightly lack.
        await using (var command = new NpgsqlCommand("SELECT to_regclass('keymgr.schema_migrations') IS NULL", connection, transaction))
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                await using var create = new NpgsqlCommand(Bootstrap, connection, transaction);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand("SELECT version FROM keymgr.schema_migrations", connection, transaction))
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
            await using (var command = (NpgsqlCommand)SqlKeyStore.CreateCommand(connection, transaction, migration.Sql))
            {
                if (migration.UsesNow)
                {
                    dialect.AddTimestamp(command, Migration.NowParameter, stamp);
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand(
                "INSERT INTO keymgr.schema_migrations (version, applied_at) VALUES (@version, @now)", connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter<int>("version", NpgsqlDbType.Integer) { TypedValue = migration.Version });
                dialect.AddTimestamp(record, "@now", stamp);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
