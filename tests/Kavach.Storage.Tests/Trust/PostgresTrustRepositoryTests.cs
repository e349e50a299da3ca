using System.Data.Common;
using Kavach.Storage.Tests.PostgreSql;
using Kavach.Testing;
using Npgsql;

namespace Kavach.Storage.Tests.Trust;

/// <summary>The trust repository contract on PostgreSQL (a database of this class's own).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTrustRepositoryTests(PostgresServer server) : TrustRepositoryContractTests
{
    private string _connectionString = string.Empty;

    protected override async Task<StoreOptions> CreateOptionsAsync()
    {
        _connectionString = await server.DatabaseForAsync(nameof(PostgresTrustRepositoryTests));
        return new StoreOptions(StoreProvider.PostgreSql, _connectionString);
    }

    protected override DbConnection CreateRawConnection() => new NpgsqlConnection(_connectionString);

    protected override string Table(string name) => "keymgr." + name;
}
