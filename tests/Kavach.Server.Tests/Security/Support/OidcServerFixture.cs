using System.Security.Cryptography;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Security.Support;

/// <summary>
/// One Kavach server trusting four issuers: <see cref="Provider"/> (discovery names the issuer; an extra role claim),
/// <see cref="Throttled"/> (refetch at most once a minute), <see cref="Flaky"/> (down until a test brings it up) and a
/// static PEM key (<see cref="StaticKey"/>). Rate limits are raised so the matrix is not throttled.
/// </summary>
public sealed class OidcServerFixture : IAsyncLifetime
{
    /// <summary>The issuer name of the configured static key.</summary>
    public const string StaticIssuer = "https://idp.example/realms/static";

    public TestOidcProvider Provider { get; private set; } = null!;

    public TestOidcProvider Throttled { get; private set; } = null!;

    public TestOidcProvider Flaky { get; private set; } = null!;

    public RSA StaticKey { get; } = RSA.Create(2048);

    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await TestOidcProvider.StartAsync();
        Throttled = await TestOidcProvider.StartAsync();
        Flaky = await TestOidcProvider.StartAsync();
        Flaky.Down = true;
        Server = await TestServer.StartAsync(extraArgs:
        [
            .. Provider.ServerArguments(0, extraRoleClaim: "resource_access.kavach.roles"),
            .. Throttled.ServerArguments(1, configureIssuer: true, minimumRefresh: "00:01:00"),
            .. Flaky.ServerArguments(2, configureIssuer: true),
            "--Kavach:Security:Jwt:Issuers:3:Name=static",
            $"--Kavach:Security:Jwt:Issuers:3:Issuer={StaticIssuer}",
            $"--Kavach:Security:Jwt:Issuers:3:SigningKeys:0={StaticKey.ExportSubjectPublicKeyInfoPem()}",
            "--Kavach:Security:Jwt:Issuers:3:Audiences:0=kavach",

            // The access_allowed tests sign with DIGITAL_CARD; a client id binding is tested with digital-card-service.
            "--Kavach:Security:ApplicationBindings:Roles:REGISTRATION_PROCESSOR=REGISTRATION,REGISTRATION_PROCESSOR,DIGITAL_CARD",
            "--Kavach:Security:ApplicationBindings:Clients:digital-card-service=DIGITAL_CARD",
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
        await Throttled.DisposeAsync();
        await Flaky.DisposeAsync();
        StaticKey.Dispose();
    }

    /// <summary>A client for the server without default credentials.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Server.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A valid token of <see cref="Provider"/> for <paramref name="subject"/> with <paramref name="roles"/>.</summary>
    public string Token(string subject, params string[] roles) => Provider.Sign(Provider.Claims(Server.Time.GetUtcNow(), subject, roles));
}
