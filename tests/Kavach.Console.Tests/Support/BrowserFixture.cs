using Microsoft.Playwright;

namespace Kavach.Console.Tests.Support;

/// <summary>One Chromium per test class (a launch costs about a second); each test opens its own context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Chromium.RequireInstalled();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Flags,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh context and page (own storage, own cookies): one signed-in user.</summary>
    public Task<BrowserSession> OpenAsync(bool trustDeviceServerTls = false) => BrowserSession.OpenAsync(Browser, trustDeviceServerTls);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
