using Kavach.Console.Tests.Support;
using Microsoft.Playwright;

namespace Kavach.Console.Tests;

/// <summary>Data from partners is text, never markup.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PartnerRenderingTests(ConsoleEnvironment environment, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Attack_an_organisation_named_as_an_img_tag_renders_as_text_on_the_partners_page_and_the_map()
    {
        await using var session = await browser.OpenAsync(trustDeviceServerTls: true);
        await session.SignInWithTokenAsync(environment.ConsoleUrl, environment.AdminToken, environment.KeyManager.Runtime.Options.Security.LocalIssuer.AdminSubject);

        await session.OpenPageAsync(environment.ConsoleUrl, "partners");
        var row = session.Page.Locator($"[data-testid=partners-table] tr[data-partner-id='{ConsoleEnvironment.XssPartnerId}']");
        await Assertions.Expect(row).ToContainTextAsync(ConsoleEnvironment.XssOrganization);
        await session.ScreenshotAsync("partners-xss");
        Assert.Equal(0, await session.Page.Locator("img[src=x]").CountAsync());

        await session.OpenPageAsync(environment.ConsoleUrl, "map");
        Assert.Equal(0, await session.Page.Locator("img[src=x]").CountAsync());

        // An onerror handler runs when the image fails to load: wait until the network is quiet, then look.
        await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(session.Dialogs);
        Assert.Empty(session.PageErrors);
    }
}
