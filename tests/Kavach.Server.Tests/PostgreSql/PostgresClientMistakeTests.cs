using System.Text.Json.Nodes;
using Kavach.Server.Tests.Security;
using Kavach.Server.Tests.Security.Support;
using Kavach.Server.Tests.Support;
using Kavach.Testing;
using Xunit.Abstractions;

namespace Kavach.Server.Tests.PostgreSql;

/// <summary>
/// The client mistakes on PostgreSQL, which refuses values SQLite stores (U+0000, text longer than its column): a
/// 50,000-character filter, NUL and over-long identifiers, and the whole systematic shape fuzz, never a 5xx.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresClientMistakeTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string Api = "/v1/keymanager";

    [Fact]
    public async Task Hostile_filters_identifiers_and_shapes_on_PostgreSQL_are_client_errors_not_500s()
    {
        var connection = await postgres.DatabaseForAsync(nameof(Hostile_filters_identifiers_and_shapes_on_PostgreSQL_are_client_errors_not_500s));
        await using var server = await TestServer.StartAsync(postgresConnection: connection, extraArgs: SecurityArgs.HighRateLimits);

        foreach (var value in new[] { new string('%', 50_000), "a\u0000b" })
        {
            var (status, text) = await server.SendRawAsync(HttpMethod.Post, $"{Api}/getCaCertificates", TestServer.Wrap(new JsonObject { ["issuedTo"] = value }), "application/json");
            Assert.Equal(400, status);
            Assert.Equal("KER-KMS-005", EnvelopeAssert.ErrorCode(text));
        }

        // Values PostgreSQL refuses (class 22, "data exception") answer 400 KER-KMS-005: U+0000, text over its column.
        foreach (var applicationId in new[] { "REGISTRATION%00", new string('A', 300) })
        {
            using var response = await server.Client.GetAsync(new Uri($"{Api}/getCertificate?applicationId={applicationId}&referenceId=pg-mistake", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode} {text}");
            Assert.NotNull(EnvelopeAssert.ErrorCode(text));
        }

        await ShapeRun.RunAsync(server, await FuzzTests.MaterialAsync(server), output);
    }
}
