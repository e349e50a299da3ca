using Kavach.Gateway.Tests.Support;
using Kavach.PartnerChannel;
using Kavach.Testing;

namespace Kavach.Gateway.Tests;

/// <summary>
/// Two gateway instances sharing one PostgreSQL database (and the vault of one data directory), as replicas behind a
/// load balancer: a request replayed on the other replica, and a revocation made through one, are refused by both.
/// </summary>
public sealed class GatewayReplicaTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Attack_replay_on_another_replica_and_a_revoked_partner_are_refused_by_every_replica()
    {
        using var dir = new TempDirectory("kavach-gateway-replicas");
        var time = new RunningClock();
        var database = await postgres.DatabaseForAsync(nameof(GatewayReplicaTests));
        await using var backend = await TestBackend.StartAsync(time);
        await using var first = await TestGateway.StartAsync(dir.Path, backend.Address, "mosip", time, database);
        await using var second = await TestGateway.StartAsync(dir.Path, backend.Address, "mosip", time, database);
        using var partner = await Partner.OnboardAsync(first, "partner-p", "Org P");
        var tap = new WireTap();
        using var client = partner.Client(first, ChannelProfile.Mosip, tap: tap);

        using (var accepted = await client.SendAsync(Requests.Auth(time)))
        {
            Assert.Equal(200, (int)accepted.StatusCode);
        }

        // The mosip profile signs the body only, so the captured request is valid anywhere: the shared ledger stops it.
        var forwarded = backend.Count;
        var (status, body) = await Requests.RawAsync(partner.Transport(partner.Tls), tap.Sent.Single().Copy(second.Address));
        Assert.Equal(401, status);
        Assert.Equal("KER-PCH-001", Requests.ErrorCode(body));
        Assert.Equal(forwarded, backend.Count);
        Assert.Contains((await second.PartnerAuditAsync())[^1].Detail ?? string.Empty, "reason=replayed_request", StringComparison.Ordinal);

        // Onboarded and revoked through the first replica; the second accepts, then refuses from the next request on.
        var secondTap = new WireTap();
        using var onSecond = partner.Client(second, ChannelProfile.Mosip, tap: secondTap);
        using (var before = await onSecond.SendAsync(Requests.Auth(time)))
        {
            Assert.Equal(200, (int)before.StatusCode);
        }

        Assert.True((await first.Onboarding.RevokeAsync("partner-p", "contract ended", "test", CancellationToken.None)).IsSuccess);
        forwarded = backend.Count;
        (status, body) = await Requests.ViaSdkAsync(onSecond, secondTap, Requests.Auth(time));
        Assert.Equal(401, status);
        Assert.Equal("KER-PCH-001", Requests.ErrorCode(body));
        Assert.Equal(forwarded, backend.Count);
        var refused = (await second.PartnerAuditAsync())[^1];
        Assert.Equal("KER-PCH-001", refused.Outcome);
        Assert.Contains("not_resolved", refused.Detail ?? string.Empty, StringComparison.Ordinal);
    }
}
