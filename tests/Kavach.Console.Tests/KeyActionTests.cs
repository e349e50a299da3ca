using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Console.Tests.Support;
using Kavach.Server.Tests.Support;
using Microsoft.Playwright;

namespace Kavach.Console.Tests;

/// <summary>Key actions from the keys page: an admin's revoke with a reason, and what a read-only viewer can do.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class KeyActionTests(ConsoleEnvironment environment, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Revoking_from_the_keys_page_with_a_reason_revokes_the_key_and_audits_the_reason()
    {
        var key = (await environment.AliasesAsync(ConsoleEnvironment.RevokeApplication, ConsoleEnvironment.RevokeReference)).Single();
        Assert.True(key.ExpiresAt > DateTime.UtcNow, "the key to revoke is already expired");
        var reason = "console test: suspected compromise " + Guid.NewGuid().ToString("N")[..8];

        await using var session = await browser.OpenAsync();
        await session.SignInWithTokenAsync(environment.ConsoleUrl, environment.AdminToken, environment.KeyManager.Runtime.Options.Security.LocalIssuer.AdminSubject);
        await session.OpenPageAsync(environment.ConsoleUrl, "keys");
        var row = session.Page.Locator($"[data-testid=keys-table] tr[data-key-alias='{key.Id}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "ACTIVE");

        await row.Locator("button[data-action=revoke]").ClickAsync();
        var dialog = session.Page.Locator("[data-testid=confirm-dialog]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator("[data-testid=confirm-reason]").FillAsync(reason);
        await dialog.Locator("[data-testid=confirm-ok]").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "REVOKED");
        await session.ScreenshotAsync("keys-revoked");

        // The API agrees: the alias is revoked (listed with state REVOKED) ...
        var listed = await GetResponseAsync(environment.AdminToken, $"/v1/keymanager/keys?applicationId={ConsoleEnvironment.RevokeApplication}&referenceId={ConsoleEnvironment.RevokeReference}&limit=100");
        var entry = listed["keys"]!.AsArray().Single(k => k!["alias"]!.GetValue<string>() == key.Id)!;
        Assert.Equal("REVOKED", entry["state"]!.GetValue<string>());

        // ... and the audit record of the revoke carries the reason the operator typed (appended after the answer; the
        // record keeps it as one name=value pair, spaces written as '_').
        var recorded = $"reason=\"{reason.Replace(' ', '_')}\"";
        var record = await WaitForAuditAsync(r => r["detail"]?.GetValue<string>()?.Contains(recorded, StringComparison.Ordinal) == true);
        Assert.Equal("key.revoke", record["operation"]?.GetValue<string>());
        Assert.Equal(ConsoleEnvironment.RevokeReference, record["referenceId"]?.GetValue<string>());
        Assert.Contains("reason=", record["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_sees_the_keys_but_no_admin_action()
    {
        await using var session = await browser.OpenAsync();
        await session.SignInWithTokenAsync(environment.ConsoleUrl, environment.ViewerToken, ConsoleEnvironment.ViewerSubject);
        await session.OpenPageAsync(environment.ConsoleUrl, "keys");

        await Assertions.Expect(session.Page.Locator("[data-testid=keys-table] tr[data-key-alias]").First).ToBeAttachedAsync();
        Assert.Equal(0, await session.Page.Locator("button[data-action=revoke]").CountAsync());
        Assert.Equal(0, await session.Page.Locator("button[data-action=rotate]").CountAsync());
        Assert.Equal(0, await session.Page.Locator("[data-testid=keys-generate]").CountAsync());
        await session.ScreenshotAsync("keys-viewer");
    }

    [Fact]
    public async Task Attack_a_viewer_forging_the_revoke_request_gets_403_and_the_key_is_unchanged()
    {
        var before = await environment.AliasesAsync(ConsoleEnvironment.RevokeApplication, ConsoleEnvironment.ViewerTargetReference);
        Assert.Single(before);

        // The request the console's revoke button would send, sent with the viewer's own token.
        using var viewer = environment.KeyManagerClient(environment.ViewerToken);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri("/v1/keymanager/revokeKey", UriKind.Relative))
        {
            Content = new StringContent(TestServer.Wrap(new { applicationId = ConsoleEnvironment.RevokeApplication, referenceId = ConsoleEnvironment.ViewerTargetReference }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Kavach-Reason", "forged by a viewer");
        using var response = await viewer.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await environment.AliasesAsync(ConsoleEnvironment.RevokeApplication, ConsoleEnvironment.ViewerTargetReference));
    }

    private async Task<JsonNode> GetResponseAsync(string token, string path)
    {
        using var client = environment.KeyManagerClient(token);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text)!;
        Assert.True(response.IsSuccessStatusCode && body["response"] is not null, $"GET {path}: {(int)response.StatusCode} {text}");
        return body["response"]!;
    }

    private async Task<JsonNode> WaitForAuditAsync(Func<JsonNode, bool> match)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var records = (await GetResponseAsync(environment.AdminToken, $"/v1/keymanager/audit/records?applicationId={ConsoleEnvironment.RevokeApplication}&limit=1000"))["records"]!.AsArray();
            if (records.FirstOrDefault(r => r is not null && match(r)) is { } found)
            {
                return found;
            }

            // Polls a condition (the record is appended just after the answer), gently.
            await Task.Delay(100, deadline.Token);
        }
    }
}
