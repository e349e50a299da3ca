using Kavach.Console.Tests.Support;
using Microsoft.Playwright;

namespace Kavach.Console.Tests;

/// <summary>Signing in to the console: the local admin token pasted, and OIDC authorization code with PKCE.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SignInTests(ConsoleEnvironment environment, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Signing_in_with_the_local_admin_token_shows_the_admin_as_the_user()
    {
        await using var session = await browser.OpenAsync();
        var subject = environment.KeyManager.Runtime.Options.Security.LocalIssuer.AdminSubject;

        await session.SignInWithTokenAsync(environment.ConsoleUrl, environment.AdminToken, subject);

        await Assertions.Expect(session.Page.Locator("[data-testid=signout]")).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.Locator("[data-testid=signin-token]")).ToHaveCountAsync(0);
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task Signing_in_with_OIDC_code_and_PKCE_ends_on_the_map_showing_the_user()
    {
        await using var session = await browser.OpenAsync(trustDeviceServerTls: true);
        var tokensBefore = environment.Oidc.TokensIssued;
        var refusalsBefore = environment.Oidc.PkceRefusals;

        await session.GotoAsync(environment.ConsoleUrl + "#/signin");
        await session.Page.Locator("[data-testid=signin-oidc]").ClickAsync();

        await Assertions.Expect(session.Page.Locator("[data-testid=whoami]")).ToContainTextAsync(environment.Oidc.Subject);
        await session.WaitReadyAsync("map");
        Assert.EndsWith("#/map", session.Page.Url, StringComparison.Ordinal);
        Assert.Equal(tokensBefore + 1, environment.Oidc.TokensIssued);
        Assert.Equal(refusalsBefore, environment.Oidc.PkceRefusals);

        // The code went through the browser to /authorize and the token came from /token with the verifier.
        Assert.Contains(session.Requests, url => url.StartsWith(environment.Oidc.Issuer + "/authorize?", StringComparison.Ordinal) && url.Contains("code_challenge_method=S256", StringComparison.Ordinal));
        Assert.Contains(session.Requests, url => url == environment.Oidc.Issuer + "/token");
    }
}
