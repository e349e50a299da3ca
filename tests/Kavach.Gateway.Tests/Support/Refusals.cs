namespace Kavach.Gateway.Tests.Support;

/// <summary>The one shape of every refusal: the status and code, one audit record with the outcome and reason, nothing at the backend.</summary>
internal static class Refusals
{
    public static async Task AssertAsync(
        GatewayFixture fixture,
        Func<Task<(int Status, string Body)>> attack,
        int status = 401,
        string code = "KER-PCH-001",
        string? reason = null)
    {
        var forwarded = fixture.Backend.Count;
        var audited = (await fixture.Gateway.PartnerAuditAsync()).Count;

        var (actual, body) = await attack();

        Assert.Equal(status, actual);
        Assert.Equal(code, Requests.ErrorCode(body));
        Assert.Equal(forwarded, fixture.Backend.Count);
        var record = Assert.Single((await fixture.Gateway.PartnerAuditAsync(audited + 1)).Skip(audited));
        Assert.Equal(code, record.Outcome);
        Assert.Equal(status, record.HttpStatus);
        if (reason is not null)
        {
            Assert.Contains(reason, record.Detail ?? string.Empty, StringComparison.Ordinal);
        }
    }
}
