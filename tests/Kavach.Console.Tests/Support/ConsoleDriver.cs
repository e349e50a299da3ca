using Microsoft.Playwright;

namespace Kavach.Console.Tests.Support;

/// <summary>The console's DOM contract (data-testid, data-ready), as the tests drive it.</summary>
internal static class ConsoleDriver
{
    /// <summary>The console pages and their routes.</summary>
    public static readonly IReadOnlyList<string> Pages = ["map", "keys", "partners", "devices", "audit"];

    /// <summary>Signs in with a pasted token and waits for the shell to name the user.</summary>
    public static async Task SignInWithTokenAsync(this BrowserSession session, string consoleUrl, string token, string expectedSubject)
    {
        await session.GotoAsync(consoleUrl + "#/signin");
        await session.Page.Locator("[data-testid=signin-token]").FillAsync(token);
        await session.Page.Locator("[data-testid=signin-token-submit]").ClickAsync();
        await Assertions.Expect(session.Page.Locator("[data-testid=whoami]")).ToContainTextAsync(expectedSubject, new() { Timeout = BrowserSession.ConditionTimeoutMs });
    }

    /// <summary>Opens a page by its route and waits until it is ready.</summary>
    public static async Task<ILocator> OpenPageAsync(this BrowserSession session, string consoleUrl, string page)
    {
        await session.Page.GotoAsync(consoleUrl + "#/" + page);
        return await session.WaitReadyAsync(page);
    }

    /// <summary>
    /// On the devices page, connects to the device server with <paramref name="deviceToken"/> when the page asks for a
    /// token, and waits for the page to be ready again.
    /// </summary>
    public static async Task<ILocator> ConnectDevicesAsync(this BrowserSession session, string deviceToken)
    {
        var page = session.Page;
        var connect = page.Locator("[data-testid=devices-connect-token]");
        var ready = page.Locator("[data-testid=page-devices][data-ready=true]");
        await connect.Or(ready).First.WaitForAsync();
        if (await connect.IsVisibleAsync())
        {
            await connect.FillAsync(deviceToken);
            await page.Locator("[data-testid=devices-connect]").ClickAsync();
        }

        await page.Locator("[data-testid=whitelist-table]").WaitForAsync();
        return await session.WaitReadyAsync("devices");
    }
}
