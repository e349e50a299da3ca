using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Trust;

/// <summary>The trust store scenarios on the embedded default (SQLite), one server for the class.</summary>
public sealed class SqliteTrustTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public Task CA_uploads() => TrustScenarios.CaUploadsAsync(fixture.Server);

    [Fact]
    public Task Partner_uploads() => TrustScenarios.PartnerUploadsAsync(fixture.Server);

    [Fact]
    public Task Trust_checks() => TrustScenarios.TrustChecksAsync(fixture.Server);

    [Fact]
    public Task Revocation() => TrustScenarios.RevocationAsync(fixture.Server);

    [Fact]
    public Task Listing() => TrustScenarios.ListingAsync(fixture.Server);

    [Fact]
    public Task MOSIP_onboarding_end_to_end() => TrustScenarios.OnboardingAsync(fixture.Server);
}
