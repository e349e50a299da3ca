using Kavach.Server.Tests.PostgreSql;
using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.Trust;

/// <summary>
/// The same trust store scenarios on PostgreSQL, and two replicas on one database: what one replica uploads or
/// revokes, the other sees at its next request.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTrustTests(PostgresServer postgres)
{
    [Fact]
    public async Task Every_trust_scenario_on_PostgreSQL()
    {
        await using var server = await TestServer.StartAsync(postgresConnection: await postgres.DatabaseForAsync(nameof(Every_trust_scenario_on_PostgreSQL)));
        await TrustScenarios.CaUploadsAsync(server);
        await TrustScenarios.PartnerUploadsAsync(server);
        await TrustScenarios.TrustChecksAsync(server);
        await TrustScenarios.ListingAsync(server);
        await TrustScenarios.OnboardingAsync(server);
        await TrustScenarios.RevocationAsync(server);
    }

    [Fact]
    public async Task Two_replicas_see_each_others_uploads_and_CRLs_at_once()
    {
        var connection = await postgres.DatabaseForAsync(nameof(Two_replicas_see_each_others_uploads_and_CRLs_at_once));
        using var dir = new TempDirectory("kavach-replicas");
        await using var first = await TestServer.StartAsync(dir.Path, postgresConnection: connection);
        await using var second = await TestServer.StartAsync(dir.Path, postgresConnection: connection);
        var pki = await Pki.PartnerPki.SharedAsync();

        // The second replica caches its view of DEVICE (nothing trusted) first.
        Assert.False((await second.VerifyTrustAsync(pki.Good.CertificatePem, "DEVICE")).Trusted());
        await first.EnsureHierarchyAsync(pki, "DEVICE");
        Assert.True((await second.VerifyTrustAsync(pki.Good.CertificatePem, "DEVICE")).Trusted());
        Assert.True((await second.VerifyTrustAsync(pki.Revoked.CertificatePem, "DEVICE")).Trusted());

        Assert.Contains("DEVICE", (await first.UploadCrlAsync(pki.IssuingCrl, "DEVICE")).Response()["partnerDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("REVOKED", (await second.VerifyTrustAsync(pki.Revoked.CertificatePem, "DEVICE")).Field("reason"));
        Assert.True((await second.VerifyTrustAsync(pki.Good.CertificatePem, "DEVICE")).Trusted());
    }
}
