using System.Text.Json.Nodes;
using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.OpenApi;

/// <summary>
/// Redocly's linter (pinned in tools/openapi-lint, installed there by scripts/openapi-lint-install.sh) finds no error
/// in the document the server serves. The test installs the linter itself when it is missing and never skips: if the
/// linter cannot run it fails, in CI (<c>CI=true</c>) and elsewhere.
/// </summary>
public sealed class OpenApiLintTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Redocly_recommended_rules_find_no_error()
    {
        var root = RepositoryRoot.Find();
        var tool = Path.Combine(root, "tools", "openapi-lint");
        var redocly = Path.Combine(tool, "node_modules", ".bin", "redocly");
        if (!File.Exists(redocly))
        {
            var (code, stdout, stderr) = await ExternalTool.RunAsync("bash", [Path.Combine(root, "scripts", "openapi-lint-install.sh")], timeout: InstallTimeout, workingDirectory: root);
            Assert.True(code == 0, $"the OpenAPI linter cannot run{(IsCi ? " in CI" : string.Empty)}: scripts/openapi-lint-install.sh failed: {stdout}{stderr}");
        }

        using var anonymous = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        var document = await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var dir = new TempDirectory("kavach-openapi");
        var path = dir.File("openapi.json");
        await File.WriteAllTextAsync(path, document);

        // Through env: no telemetry or update check leaves the machine.
        var (exit, output, errors) = await ExternalTool.RunAsync(
            "env",
            ["REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true", redocly, "lint", path, "--config", Path.Combine(tool, "redocly.yaml"), "--format", "json", "--lint-config", "off"],
            timeout: InstallTimeout,
            workingDirectory: tool);
        var problems = JsonNode.Parse(output)?["problems"]?.AsArray() ?? throw new InvalidOperationException($"no lint report: {output}{errors}");
        var failures = problems.Where(p => p?["severity"]?.GetValue<string>() == "error")
            .Select(p => $"{p!["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}")
            .ToList();
        Assert.True(failures.Count == 0, "lint errors:\n" + string.Join("\n", failures));
        Assert.Equal(0, exit);
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
