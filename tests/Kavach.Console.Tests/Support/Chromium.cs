namespace Kavach.Console.Tests.Support;

/// <summary>
/// Debian's Chromium, which scripts/install-deps.sh installs; Playwright drives it and never downloads a browser of
/// its own. A missing browser fails every browser test (in CI and on a developer's machine alike), never skips it.
/// </summary>
internal static class Chromium
{
    /// <summary>The browser the tests launch.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// Flags for this machine: a closed network (no component updates, sync, background fetches or QUIC), root (no
    /// sandbox), no GPU. Playwright adds <c>--headless</c> and a fresh temporary <c>--user-data-dir</c> of its own
    /// to every launch. Certificate errors are never ignored browser-wide: a context that talks to the device server
    /// (TLS from a root the browser does not know) ignores them for itself (<see cref="BrowserSession"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> Flags =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    /// <summary>Fails with the fix when the browser is not installed.</summary>
    public static void RequireInstalled()
    {
        if (!File.Exists(ExecutablePath))
        {
            var where = Environment.GetEnvironmentVariable("CI") == "true" ? "CI" : "this machine";
            Assert.Fail($"{ExecutablePath} is missing on {where}: run scripts/install-deps.sh (Debian packages chromium and chromium-driver). Browser tests never skip.");
        }

        // Belt and braces: nothing in these tests installs browsers, and Playwright must not try to.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    }
}
