using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Security.Support;

/// <summary>A test OIDC provider and a Kavach server that trusts it (rate limits raised so the matrix is not throttled).</summary>
public sealed class OidcServerFixture : IAsyncLifetime
{
    public TestOidcProvider Provider { get; private set; } = null!;

    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await TestOidcProvider.StartAsync();
        Server = await TestServer.StartAsync(extraArgs:
        [
            .. Provider.ServerArguments(extraRoleClaim: "resource_access.kavach.roles"),
            .. SecurityArgs.HighRateLimits,
        ]);

        // Token-ID salts are created on first use and that creation races under concurrent first requests (a known
        // bug outside the security layer): make them before the matrix sends requests in parallel.
        await Server.GetAsync("/v1/keymanager/tokenid/123456789012/partner-1");
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Provider.DisposeAsync();
    }

    /// <summary>A client for the server without default credentials.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Server.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A valid provider token for <paramref name="subject"/> with <paramref name="roles"/>.</summary>
    public string Token(string subject, params string[] roles) => Provider.Sign(Provider.Claims(Server.Time.GetUtcNow(), subject, roles));
}
