using System.Data.Common;
using Kavach.Storage.Tests.PostgreSql;
using Kavach.Testing;
using Npgsql;

namespace Kavach.Storage.Tests.Trust;

/// <summary>The trust repository contract on PostgreSQL (a database of this class's own).</summary>
[Collection(PostgresCollection.Name)]
public class PostgresTrustRepositoryTests(PostgresServer server) : TrustRepositoryContractTests
{
    private string _connectionString = string.Empty;

    protected override async Task<StoreOptions> CreateOptionsAsync()
    {
        _connectionString = await server.DatabaseForAsync(GetType().Name);
        return new StoreOptions(StoreProvider.PostgreSql, StoreConnectionString(_connectionString));
    }

    /// <summary>The connection string the store is given (an operator's settings on top of the database's).</summary>
    protected virtual string StoreConnectionString(string database) => database;

    protected override DbConnection CreateRawConnection() => new NpgsqlConnection(_connectionString);

    protected override string Table(string name) => "keymgr." + name;
}
