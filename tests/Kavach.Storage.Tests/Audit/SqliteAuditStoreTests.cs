using System.Data.Common;
using Kavach.Storage.Tests.Sqlite;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Kavach.Storage.Tests.Audit;

/// <summary>The audit store contract on an SQLite file (two store instances stand for two processes).</summary>
public sealed class SqliteAuditStoreTests(SqliteDatabaseFixture database, ITestOutputHelper output)
    : AuditStoreContractTests(output), IClassFixture<SqliteDatabaseFixture>
{
    protected override Task<StoreOptions> CreateOptionsAsync() =>
        Task.FromResult(new StoreOptions(StoreProvider.Sqlite, database.ConnectionString));

    protected override DbConnection CreateRawConnection() => new SqliteConnection(database.ConnectionString);

    protected override string Table(string name) => name;
}
