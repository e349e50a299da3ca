using System.Net;
using System.Text;
using Kavach.Devices.Server.Tests.Support;

namespace Kavach.Devices.Server.Tests;

/// <summary>The per-address limiter of the routes open without a certificate (enrolment, time): 429 with Retry-After.</summary>
public sealed class AnonymousRateLimitTests
{
    [Fact]
    public async Task Attack_enrolment_challenge_flood_from_one_address_gets_429_after_the_limit()
    {
        // A window far longer than the test, so no refill can blur the count.
        await using var host = await DeviceServerHost.StartAsync(["--Kavach:DeviceServer:AnonymousPermitsPerWindow=3", "--Kavach:DeviceServer:AnonymousWindow=01:00:00"]);
        using var client = host.Client();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.GetAsync("/v1/enroll/challenge");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        using var limited = await client.GetAsync("/v1/enroll/challenge");
        using var enrolLimited = await client.PostAsync("/v1/enroll", new StringContent("a.b.c", Encoding.ASCII, "application/jose"));
        using var health = await client.GetAsync("/health/live");

        await ErrorAssert.CodeAsync(limited, HttpStatusCode.TooManyRequests, "KER-DEV-104");
        Assert.True(limited.Headers.RetryAfter is not null);
        await ErrorAssert.CodeAsync(enrolLimited, HttpStatusCode.TooManyRequests, "KER-DEV-104");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
