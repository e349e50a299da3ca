using Kavach.Console.Tests.Support;

namespace Kavach.Console.Tests;

/// <summary>The console runs only its own scripts, and nothing it loads or calls leaves the deployment.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ContentSecurityTests(ConsoleEnvironment environment, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Attack_injected_inline_or_foreign_script_is_blocked_by_a_self_only_script_policy()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(environment.ConsoleUrl);
        Assert.True(response.IsSuccessStatusCode, $"{environment.ConsoleUrl} answered {(int)response.StatusCode}");
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var values), "the console is served without a Content-Security-Policy");
        var policy = string.Join(", ", values);
        ContentSecurityPolicy.AssertScriptsSelfOnly(policy);
        var connect = ContentSecurityPolicy.Sources(policy, "connect-src") ?? [];
        Assert.DoesNotContain("*", connect);
        Assert.DoesNotContain("https:", connect);
    }

    [Fact]
    public async Task No_request_of_any_page_leaves_the_deployment()
    {
        await using var session = await browser.OpenAsync(trustDeviceServerTls: true);
        await session.SignInWithTokenAsync(environment.ConsoleUrl, environment.AdminToken, environment.KeyManager.Runtime.Options.Security.LocalIssuer.AdminSubject);
        foreach (var page in ConsoleDriver.Pages)
        {
            await session.Page.Locator($"[data-testid=nav-{page}]").ClickAsync();
            if (page == "devices")
            {
                await session.ConnectDevicesAsync(environment.DeviceImporterToken);
            }
            else
            {
                await session.WaitReadyAsync(page);
            }
        }

        string[] deployment = [environment.KeyManagerOrigin, environment.DeviceServerOrigin, environment.Oidc.Origin];
        var outside = session.Requests
            .Where(url => !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal))
            .Where(url => !deployment.Contains(new Uri(url).GetLeftPart(UriPartial.Authority), StringComparer.Ordinal))
            .Distinct()
            .ToList();
        Assert.True(session.Requests.Count > 5, "the pages made almost no requests: the log is not recording");
        Assert.True(outside.Count == 0, "requests left the deployment: " + string.Join(", ", outside));
    }
}
