using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Lifecycle;

/// <summary>Keys are created exactly once, however many requests race for them.</summary>
public sealed class ConcurrencyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Fifty_concurrent_requests_for_a_new_reference_get_one_certificate()
    {
        var reference = "race-" + Guid.NewGuid().ToString("N")[..8];
        var certificates = await RaceAsync(_server, reference, 50);
        Assert.Single(certificates.Distinct());
        var all = (await _server.GetAsync($"/v1/keymanager/getAllCertificates?applicationId=REGISTRATION&referenceId={reference}")).Body.Response()["allCertificates"]!.AsArray();
        Assert.Single(all);
    }

    /// <summary>Fires <paramref name="count"/> getCertificate calls at once and returns the certificates.</summary>
    public static async Task<string[]> RaceAsync(TestServer server, string reference, int count, TestServer? other = null)
    {
        using var gate = new SemaphoreSlim(0);
        var calls = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            var target = other is not null && i % 2 == 1 ? other : server;
            var (status, body) = await target.GetAsync($"/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId={reference}");
            Assert.Equal(200, status);
            return body.Field("certificate");
        }).ToArray();
        gate.Release(count);
        return await Task.WhenAll(calls);
    }
}
