using Kavach.Storage;
using Kavach.Testing;
using Microsoft.Data.Sqlite;

namespace Kavach.Devices.Tests.Policy;

/// <summary>Store options for the operations tests: a fresh SQLite file, or a fresh PostgreSQL database of the shared server.</summary>
internal static class OperationsDatabase
{
    public static StoreOptions NewSqlite(TempDirectory folder) =>
        new(StoreProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.Path, "ops-" + Guid.NewGuid().ToString("N")[..8] + ".db") }.ToString());

    public static async Task<StoreOptions> NewPostgresAsync(PostgresServer server) =>
        new(StoreProvider.PostgreSql, await server.DatabaseForAsync("ops-" + Guid.NewGuid().ToString("N")));
}
