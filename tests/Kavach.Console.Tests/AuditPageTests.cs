using System.Text.Json.Nodes;
using Kavach.Console.Tests.Support;
using Microsoft.Playwright;

namespace Kavach.Console.Tests;

/// <summary>The audit page verifies the chain and exports it, through the same endpoints as <c>kavach audit</c>.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AuditPageTests(ConsoleEnvironment environment, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Verify_reports_an_intact_chain_and_export_downloads_the_records_shown()
    {
        await using var session = await browser.OpenAsync();
        await session.SignInWithTokenAsync(environment.ConsoleUrl, environment.AdminToken, environment.KeyManager.Runtime.Options.Security.LocalIssuer.AdminSubject);
        await session.OpenPageAsync(environment.ConsoleUrl, "audit");

        await session.Page.Locator("[data-testid=audit-verify]").ClickAsync();
        var result = session.Page.Locator("[data-testid=audit-verify-result]");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-ok", "true");
        await Assertions.Expect(result).ToContainTextAsync("Intact");

        // Only the records of the console's test caller: the filter reaches the API.
        await session.Page.Locator("[data-testid=audit-filter-actor]").FillAsync(ConsoleEnvironment.DecryptCaller);
        await session.Page.Locator("[data-testid=audit-filter-apply]").ClickAsync();
        var rows = session.Page.Locator("[data-testid=audit-table] tr[data-seq]");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-actor", ConsoleEnvironment.DecryptCaller);
        Assert.All(await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.actor)"), actor => Assert.Equal(ConsoleEnvironment.DecryptCaller, actor));

        // The export is the window's whole chain (every record, so it verifies on its own), like `kavach audit export`.
        var download = await session.Page.RunAndWaitForDownloadAsync(() => session.Page.Locator("[data-testid=audit-export]").ClickAsync());
        var path = await download.PathAsync();
        var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).ToList();
        var records = lines.Where(l => (string?)l["type"] == "record").ToList();
        Assert.Contains(records, r => (string?)r["actor"] == ConsoleEnvironment.DecryptCaller);
        Assert.Contains(records, r => (string?)r["actor"] != ConsoleEnvironment.DecryptCaller);
        var seqs = records.Select(r => (long)r["seq"]!).ToList();
        Assert.Equal(Enumerable.Range((int)seqs[0], seqs.Count).Select(i => (long)i), seqs);
        Assert.EndsWith(".jsonl", download.SuggestedFilename, StringComparison.Ordinal);
        await session.ScreenshotAsync("audit-verified");
        Assert.Empty(session.PageErrors);
    }
}
