using System.Data.Common;
using Kavach.Storage.Tests.PostgreSql;
using Kavach.Testing;
using Npgsql;

namespace Kavach.Storage.Tests.Trust;

/// <summary>
/// The trust repository contract on PostgreSQL with an operator's statement preparation on (<c>Max Auto Prepare</c>):
/// Npgsql 10 then re-sends a reused command's first parameters after <c>Parameters.Clear()</c>, so a replay ledger that
/// reused one command recorded nothing after the second entry and refused every later request as a replay.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPreparedTrustRepositoryTests(PostgresServer server) : TrustRepositoryContractTests
{
    private string _connectionString = string.Empty;

    protected override async Task<StoreOptions> CreateOptionsAsync()
    {
        _connectionString = await server.DatabaseForAsync(nameof(PostgresPreparedTrustRepositoryTests));
        var prepared = new NpgsqlConnectionStringBuilder(_connectionString) { MaxAutoPrepare = 16, AutoPrepareMinUsages = 2 };
        return new StoreOptions(StoreProvider.PostgreSql, prepared.ConnectionString);
    }

    protected override DbConnection CreateRawConnection() => new NpgsqlConnection(_connectionString);

    protected override string Table(string name) => "keymgr." + name;
}
