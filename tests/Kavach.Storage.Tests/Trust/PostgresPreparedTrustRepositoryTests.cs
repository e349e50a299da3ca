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
public sealed class PostgresPreparedTrustRepositoryTests(PostgresServer server) : PostgresTrustRepositoryTests(server)
{
    protected override string StoreConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(database) { MaxAutoPrepare = 16, AutoPrepareMinUsages = 2 }.ConnectionString;
}
