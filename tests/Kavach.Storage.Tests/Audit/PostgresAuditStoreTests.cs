using System.Data.Common;
using Kavach.Storage.Tests.PostgreSql;
using Kavach.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Kavach.Storage.Tests.Audit;

/// <summary>The audit store contract on PostgreSQL (two store instances stand for two replicas sharing the database).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditStoreTests(PostgresServer server, ITestOutputHelper output) : AuditStoreContractTests(output)
{
    private string _connectionString = string.Empty;

    protected override async Task<StoreOptions> CreateOptionsAsync()
    {
        _connectionString = await server.DatabaseForAsync(nameof(PostgresAuditStoreTests));
        return new StoreOptions(StoreProvider.PostgreSql, _connectionString);
    }

    protected override DbConnection CreateRawConnection() => new NpgsqlConnection(_connectionString);

    protected override string Table(string name) => "keymgr." + name;
}
