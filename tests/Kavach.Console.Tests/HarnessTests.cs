using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kavach.Console.Tests.Support;

namespace Kavach.Console.Tests;

/// <summary>
/// The harness itself, proven without the console: Chromium starts, a page's ready flag is waited for (not slept for),
/// screenshots and the request log work, markup injected as HTML is caught by the alert detector, and the fake OIDC
/// provider refuses a sign-in without a correct PKCE proof while the key manager accepts the tokens it issues.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class HarnessTests(ConsoleEnvironment environment, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_page_that_becomes_ready_after_a_fetch_is_waited_for_screenshot_and_its_requests_logged()
    {
        await using var session = await browser.OpenAsync();
        var response = await session.GotoAsync(environment.Oidc.Issuer + "/harness/ready.html");

        var root = await session.WaitReadyAsync("harness");
        Assert.Equal(2, await session.Page.Locator("[data-row]").CountAsync());
        Assert.True(int.Parse(await root.GetAttributeAsync("data-render-ms") ?? "-1") >= 300, "ready before the page's own delay: the wait did not wait");
        ContentSecurityPolicy.AssertScriptsSelfOnly(response.Headers["content-security-policy"]);
        Assert.Contains(session.Requests, url => url.EndsWith("/harness/data.json", StringComparison.Ordinal));
        Assert.Empty(session.Dialogs);

        var shot = await session.ScreenshotAsync("harness-ready");
        var bytes = await File.ReadAllBytesAsync(shot);
        Assert.True(bytes.Length > 1000 && bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "the screenshot is not a PNG");
    }

    [Fact]
    public async Task Attack_markup_rendered_as_html_is_caught_by_the_alert_and_img_detectors()
    {
        await using var session = await browser.OpenAsync();
        await session.GotoAsync(environment.Oidc.Issuer + "/harness/unsafe.html");
        await session.WaitReadyAsync("unsafe");

        Assert.Equal(1, await session.Page.Locator("img[src=x]").CountAsync());
        var dialog = await session.FirstDialog.WaitAsync(TimeSpan.FromMilliseconds(BrowserSession.ConditionTimeoutMs));
        Assert.Equal("alert: 1", dialog);
    }

    [Fact]
    public void A_policy_with_inline_or_foreign_scripts_is_refused_by_the_CSP_check()
    {
        ContentSecurityPolicy.AssertScriptsSelfOnly("default-src 'self'; script-src 'self'; style-src 'self'");
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ContentSecurityPolicy.AssertScriptsSelfOnly("script-src 'self' 'unsafe-inline'"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ContentSecurityPolicy.AssertScriptsSelfOnly("default-src 'self' https://cdn.example"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ContentSecurityPolicy.AssertScriptsSelfOnly("style-src 'self'"));
    }

    [Fact]
    public async Task Attack_oidc_sign_in_without_pkce_or_with_a_wrong_verifier_gets_no_token()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(environment.Oidc.Issuer) };
        var redirect = environment.ConsoleUrl + "#/signin";
        var refusalsBefore = environment.Oidc.PkceRefusals;

        // No code_challenge: no code.
        using (var plain = await http.GetAsync($"/authorize?response_type=code&client_id={FakeOidcProvider.ClientId}&redirect_uri={Uri.EscapeDataString(environment.ConsoleUrl)}&state=s1"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        }

        // "plain" method: no code either.
        using (var weak = await http.GetAsync($"/authorize?response_type=code&client_id={FakeOidcProvider.ClientId}&redirect_uri={Uri.EscapeDataString(environment.ConsoleUrl)}&state=s1&code_challenge={new string('a', 43)}&code_challenge_method=plain"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        }

        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var code = await AuthorizeAsync(http, FakeOidcProvider.Challenge(verifier), redirect);
        using (var wrong = await TokenAsync(http, code, Base64Url(RandomNumberGenerator.GetBytes(32)), redirect))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        // The code died with the wrong attempt: the right verifier no longer redeems it.
        using (var late = await TokenAsync(http, code, verifier, redirect))
        {
            Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        }

        Assert.Equal(refusalsBefore + 3, environment.Oidc.PkceRefusals);

        // A fresh code with the right verifier gets a token the key manager accepts.
        var verifier2 = Base64Url(RandomNumberGenerator.GetBytes(32));
        var code2 = await AuthorizeAsync(http, FakeOidcProvider.Challenge(verifier2), redirect);
        using var good = await TokenAsync(http, code2, verifier2, redirect);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var accessToken = JsonNode.Parse(await good.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        using var keyManager = environment.KeyManagerClient(accessToken);
        using var body = new StringContent(Kavach.Server.Tests.Support.TestServer.Wrap(new { applicationId = "REGISTRATION", referenceId = "", force = false }), System.Text.Encoding.UTF8, "application/json");
        using var answer = await keyManager.PostAsync(new Uri("/v1/keymanager/generateMasterKey/CERTIFICATE", UriKind.Relative), body);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK && text.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal), $"key manager refused the provider's KEY_MANAGER_ADMIN token: {(int)answer.StatusCode} {text}");
    }

    private static async Task<string> AuthorizeAsync(HttpClient http, string challenge, string redirect)
    {
        using var response = await http.GetAsync($"/authorize?response_type=code&client_id={FakeOidcProvider.ClientId}&redirect_uri={Uri.EscapeDataString(redirect)}&state=st&code_challenge={challenge}&code_challenge_method=S256");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var code = location[(location.IndexOf("code=", StringComparison.Ordinal) + 5)..].Split('&')[0];
        return Uri.UnescapeDataString(code);
    }

    private static Task<HttpResponseMessage> TokenAsync(HttpClient http, string code, string verifier, string redirect) =>
        http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = FakeOidcProvider.ClientId,
            ["code"] = code,
            ["redirect_uri"] = redirect,
            ["code_verifier"] = verifier,
        }));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
