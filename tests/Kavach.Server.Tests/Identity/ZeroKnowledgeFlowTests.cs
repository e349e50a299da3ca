using Kavach.Server.Tests.PostgreSql;
using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.Identity;

/// <summary>The seed's zero-knowledge flow end to end, on SQLite and on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ZeroKnowledgeFlowTests(PostgresServer postgres)
{
    private static readonly string[] IdaSide = ["--Kavach:ZeroKnowledge:PoolSize=0"];

    [Fact]
    public async Task Flow_on_SQLite()
    {
        await using var credential = await TestServer.StartAsync();
        await using var ida = await TestServer.StartAsync(extraArgs: IdaSide);
        await ZeroKnowledgeFlow.RunAsync(credential, ida);
    }

    [Fact]
    public async Task Flow_on_PostgreSQL()
    {
        await using var credential = await TestServer.StartAsync(postgresConnection: await postgres.DatabaseForAsync("zk-credential"));
        await using var ida = await TestServer.StartAsync(postgresConnection: await postgres.DatabaseForAsync("zk-ida"), extraArgs: IdaSide);
        await ZeroKnowledgeFlow.RunAsync(credential, ida);
    }
}
