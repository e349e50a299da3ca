using Kavach.Console.Tests.Support;
using Microsoft.Playwright;

namespace Kavach.Console.Tests;

/// <summary>Every console page loads its data from the real servers, and the map shows who used a key.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PageTests(ConsoleEnvironment environment, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("map")]
    [InlineData("keys")]
    [InlineData("partners")]
    [InlineData("devices")]
    [InlineData("audit")]
    public async Task Each_page_becomes_ready_against_the_real_servers(string page)
    {
        await using var session = await browser.OpenAsync(trustDeviceServerTls: page is "map" or "devices");
        await session.SignInWithTokenAsync(environment.ConsoleUrl, environment.AdminToken, environment.KeyManager.Runtime.Options.Security.LocalIssuer.AdminSubject);

        await session.Page.Locator($"[data-testid=nav-{page}]").ClickAsync();
        if (page == "devices")
        {
            await session.ConnectDevicesAsync(environment.DeviceImporterToken);
        }
        else
        {
            await session.WaitReadyAsync(page);
        }

        await Assertions.Expect(session.Page.Locator("[data-testid=error]")).ToHaveCountAsync(0);
        var content = page switch
        {
            "map" => "[data-testid=map-list] [data-node-id]",
            "keys" => $"[data-testid=keys-table] tr[data-application-id={ConsoleEnvironment.RevokeApplication}]",
            "partners" => $"[data-testid=partners-table] tr[data-partner-id={ConsoleEnvironment.PartnerId}]",
            "devices" => "[data-testid=devices-table] tr[data-serial]",
            _ => "[data-testid=audit-table] tr[data-seq]",
        };
        await Assertions.Expect(session.Page.Locator(content).First).ToBeAttachedAsync();
        var shot = await session.ScreenshotAsync("page-" + page);
        Assert.True(new FileInfo(shot).Length > 1000);
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task The_map_shows_the_caller_that_used_a_key_after_its_decrypt()
    {
        await using var session = await browser.OpenAsync(trustDeviceServerTls: true);
        await session.SignInWithTokenAsync(environment.ConsoleUrl, environment.AdminToken, environment.KeyManager.Runtime.Options.Security.LocalIssuer.AdminSubject);
        await session.OpenPageAsync(environment.ConsoleUrl, "map");

        var list = session.Page.Locator("[data-testid=map-list]");
        var caller = list.Locator($"[data-node-id][data-node-label='{ConsoleEnvironment.DecryptCaller}']");
        await Assertions.Expect(caller).ToHaveCountAsync(1);
        var callerId = await caller.GetAttributeAsync("data-node-id");
        var usedBy = list.Locator($"[data-edge][data-edge-kind=used-by][data-edge-from='{callerId}'], [data-edge][data-edge-kind=used-by][data-edge-to='{callerId}']");
        await Assertions.Expect(usedBy.First).ToBeAttachedAsync();

        // The edge's other end is a node of the key (or key group) the caller decrypted with.
        var from = await usedBy.First.GetAttributeAsync("data-edge-from");
        var target = from == callerId ? await usedBy.First.GetAttributeAsync("data-edge-to") : from;
        var targetNode = list.Locator($"[data-node-id='{target}']");
        await Assertions.Expect(targetNode).ToHaveCountAsync(1);
        var label = await targetNode.GetAttributeAsync("data-node-label") ?? string.Empty;
        Assert.True(
            label.Contains(ConsoleEnvironment.DecryptApplication, StringComparison.Ordinal) || label.Contains(ConsoleEnvironment.DecryptReference, StringComparison.Ordinal),
            $"the used-by edge of {ConsoleEnvironment.DecryptCaller} ends at '{label}', not at a {ConsoleEnvironment.DecryptApplication} key");
        await session.ScreenshotAsync("map-used-by");
    }
}
