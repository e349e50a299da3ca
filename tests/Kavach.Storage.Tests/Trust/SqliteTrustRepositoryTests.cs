using System.Data.Common;
using Kavach.Storage.Tests.Sqlite;
using Microsoft.Data.Sqlite;

namespace Kavach.Storage.Tests.Trust;

/// <summary>The trust repository contract on an SQLite file.</summary>
public sealed class SqliteTrustRepositoryTests(SqliteDatabaseFixture database)
    : TrustRepositoryContractTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override Task<StoreOptions> CreateOptionsAsync() =>
        Task.FromResult(new StoreOptions(StoreProvider.Sqlite, database.ConnectionString));

    protected override DbConnection CreateRawConnection() => new SqliteConnection(database.ConnectionString);

    protected override string Table(string name) => name;
}
