using Kavach.Storage.Backup;
using Kavach.Storage.Tests.PostgreSql;
using Kavach.Testing;
using Npgsql;

namespace Kavach.Storage.Tests.Backup;

/// <summary><c>pg_dump</c> of schema <c>keymgr</c> and <c>pg_restore</c> into an empty database, against the test cluster.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSnapshotTests(PostgresServer server) : IDisposable
{
    private readonly TempDirectory _dir = new("kavach-pg-snapshot");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_dump_restores_into_an_empty_database_and_never_into_one_with_keymgr_tables()
    {
        var source = "kavach_dump_" + Guid.NewGuid().ToString("N")[..12];
        var target = "kavach_restore_" + Guid.NewGuid().ToString("N")[..12];
        await AdminAsync($"CREATE DATABASE \"{source}\"");
        await AdminAsync($"CREATE DATABASE \"{target}\"");
        try
        {
            var sourceOptions = new StoreOptions(StoreProvider.PostgreSql, ConnectionStringFor(source));
            int policies;
            await using (var store = await KeyStores.OpenAsync(sourceOptions, TimeProvider.System, CancellationToken.None))
            {
                policies = (await store.GetPoliciesAsync(CancellationToken.None)).Count;
            }

            var dump = _dir.File("keymgr.pgdump");
            await DatabaseSnapshots.CreateAsync(sourceOptions, dump, CancellationToken.None);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dump));
            Assert.Contains("pg_restore --list ok", await DatabaseSnapshots.CheckAsync(StoreProvider.PostgreSql, dump, CancellationToken.None), StringComparison.Ordinal);

            var refused = await Assert.ThrowsAsync<DatabaseSnapshotException>(() => DatabaseSnapshots.RestoreAsync(sourceOptions, dump, CancellationToken.None));
            Assert.Contains("already has tables in schema keymgr", refused.Message, StringComparison.Ordinal);

            var targetOptions = new StoreOptions(StoreProvider.PostgreSql, ConnectionStringFor(target));
            await DatabaseSnapshots.RestoreAsync(targetOptions, dump, CancellationToken.None);
            NpgsqlConnection.ClearAllPools();
            await using (var restored = await KeyStores.OpenAsync(targetOptions, TimeProvider.System, CancellationToken.None))
            {
                Assert.Equal(policies, (await restored.GetPoliciesAsync(CancellationToken.None)).Count);
            }

            await Assert.ThrowsAsync<DatabaseSnapshotException>(() => DatabaseSnapshots.RequireEmptyTargetAsync(targetOptions, CancellationToken.None));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync($"DROP DATABASE IF EXISTS \"{source}\" WITH (FORCE)");
            await AdminAsync($"DROP DATABASE IF EXISTS \"{target}\" WITH (FORCE)");
        }
    }

    private string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = database, Timeout = 5 }.ConnectionString;

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
#pragma warning disable CA2100 // generated database names only
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }
}
