using System.Net;
using Kavach.Hosting.Startup;
using Kavach.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kavach.Server.Tests.PostgreSql;

/// <summary>A database that is not there yet is transient: the server runs not-ready and becomes ready by itself.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStartupTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_server_started_before_its_database_exists_runs_not_ready_and_recovers_without_a_restart()
    {
        var name = "kavach_late_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new NpgsqlConnectionStringBuilder(postgres.AdminConnectionString) { Database = name }.ConnectionString;
        using var dir = new TempDirectory("kavach-pg-late");
        await using var app = KavachServer.Build(
            ["--urls=http://127.0.0.1:0", $"--Kavach:DataDir={dir.Path}", "--Logging:LogLevel:Default=Warning", "--Kavach:Database:Provider=PostgreSql", $"--Kavach:Database:ConnectionString={connection}"],
            services => services.AddSingleton<TimeProvider>(new RunningClock()));
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = KavachServer.Address(app) };
        var readiness = app.Services.GetRequiredService<KavachReadiness>();

        // Alive and listening, not ready; nothing about the database in what an anonymous caller sees.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("{\"status\":\"DOWN\"}", await ready.Content.ReadAsStringAsync());
        }

        Assert.False(readiness.IsReady);

        // The operator creates the database: the start-up's retries find it.
        await using (var admin = new NpgsqlConnection(postgres.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        await readiness.WhenReady(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        Assert.True(File.Exists(Path.Combine(dir.Path, "admin.token")));
        await app.StopAsync();
    }
}
