using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Kavach.Console.Tests.Support;

/// <summary>
/// One browser context and its page, recording every request URL the page makes, every JavaScript dialog (an alert is
/// how injected script shows itself) and uncaught page errors, with screenshots saved as test artifacts.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>How long a condition may take before the test fails (pages load from loopback servers).</summary>
    public const float ConditionTimeoutMs = 15_000;

    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _dialogs = new();
    private readonly ConcurrentQueue<string> _pageErrors = new();
    private readonly TaskCompletionSource<string> _firstDialog = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    /// <summary>The context.</summary>
    public IBrowserContext Context { get; }

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>Every request URL the context made, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Every dialog opened (type and message), dismissed at once.</summary>
    public IReadOnlyList<string> Dialogs => [.. _dialogs];

    /// <summary>Completes with the first dialog ("type: message"), for tests that expect one.</summary>
    public Task<string> FirstDialog => _firstDialog.Task;

    /// <summary>Uncaught exceptions in the page.</summary>
    public IReadOnlyList<string> PageErrors => [.. _pageErrors];

    /// <summary>Where screenshots go: under the test output directory, never under source control.</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "TestResults", "console-screenshots");

    /// <summary>Opens a context; <paramref name="ignoreHttpsErrors"/> only for pages that call the device server's TLS.</summary>
    public static async Task<BrowserSession> OpenAsync(IBrowser browser, bool ignoreHttpsErrors)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = ignoreHttpsErrors,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(ConditionTimeoutMs);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page);
        context.Request += (_, request) => session._requests.Enqueue(request.Url);
        page.Dialog += (_, dialog) =>
        {
            session._dialogs.Enqueue($"{dialog.Type}: {dialog.Message}");
            session._firstDialog.TrySetResult($"{dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        page.PageError += (_, error) => session._pageErrors.Enqueue(error);
        return session;
    }

    /// <summary>Navigates and fails at once when the server answers an error (the page is not served).</summary>
    public async Task<IResponse> GotoAsync(string url)
    {
        var response = await Page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.True(response is not null, $"no response for {url}");
        Assert.True(response.Ok, $"{url} answered {response.Status}: the page is not served");
        return response;
    }

    /// <summary>Waits until <c>[data-testid=page-NAME]</c> carries <c>data-ready="true"</c>, failing with any error the page shows.</summary>
    public async Task<ILocator> WaitReadyAsync(string name)
    {
        var root = Page.Locator($"[data-testid=page-{name}][data-ready=true]");
        try
        {
            await root.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        }
        catch (TimeoutException)
        {
            var error = Page.Locator("[data-testid=error]");
            var shown = await error.CountAsync() > 0 ? await error.First.InnerTextAsync() : "(none)";
            await ScreenshotAsync($"not-ready-{name}");
            Assert.Fail($"page-{name} never became ready at {Page.Url}; error shown: {shown}; page errors: {string.Join(" | ", PageErrors)}");
        }

        return root;
    }

    /// <summary>Saves a full-page screenshot as <c>NAME.png</c>; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
