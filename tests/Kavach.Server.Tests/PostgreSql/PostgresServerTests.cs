using Kavach.Server.Tests.Lifecycle;
using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.PostgreSql;

/// <summary>The key manager on PostgreSQL: one server, and two server processes sharing one database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests(PostgresServer postgres)
{
    [Fact]
    public async Task Hierarchy_and_concurrent_generation_on_PostgreSQL()
    {
        var connection = await postgres.DatabaseForAsync(nameof(Hierarchy_and_concurrent_generation_on_PostgreSQL));
        await using var server = await TestServer.StartAsync(postgresConnection: connection);
        var root = (await server.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Body.Field("certificate");
        var master = (await server.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION")).Body.Field("certificate");

        var certificates = await ConcurrencyTests.RaceAsync(server, "pg-race", 50);
        Assert.Single(certificates.Distinct());
        var (ok, output) = await Pems.VerifyAsync(root, certificates[0], master);
        Assert.True(ok, output);
    }

    [Fact]
    public async Task Two_server_processes_on_one_database_create_each_key_once()
    {
        var connection = await postgres.DatabaseForAsync(nameof(Two_server_processes_on_one_database_create_each_key_once));
        using var dir = new TempDirectory("kavach-two");
        string[] database = ["--Kavach:Database:Provider=PostgreSql", $"--Kavach:Database:ConnectionString={connection}"];
        await using var first = await ServerProcess.StartAsync(dir.Path, database);
        await using var second = await ServerProcess.StartAsync(dir.Path, database);

        var rootA = (await first.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Field("certificate");
        var rootB = (await second.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Field("certificate");
        Assert.Equal(rootA, rootB);

        using var gate = new SemaphoreSlim(0);
        var calls = Enumerable.Range(0, 50).Select(async i =>
        {
            await gate.WaitAsync();
            var target = i % 2 == 0 ? first : second;
            return (await target.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=two-process-race")).Field("certificate");
        }).ToArray();
        gate.Release(50);
        var certificates = await Task.WhenAll(calls);
        Assert.Single(certificates.Distinct());

        var all = (await first.GetAsync("/v1/keymanager/getAllCertificates?applicationId=REGISTRATION&referenceId=two-process-race")).Response()["allCertificates"]!.AsArray();
        Assert.Single(all);
        var masters = (await second.GetAsync("/v1/keymanager/getAllCertificates?applicationId=REGISTRATION")).Response()["allCertificates"]!.AsArray();
        Assert.Single(masters);
    }
}
