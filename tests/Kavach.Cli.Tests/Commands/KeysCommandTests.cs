using System.Text.Json;
using Kavach.Testing;

namespace Kavach.Cli.Tests.Commands;

public sealed class KeysCommandTests
{
    [Fact]
    public async Task Bootstrap_creates_the_hierarchy_and_list_shows_it()
    {
        using var dir = new TempDirectory("kavach-cli");
        var (code, output, error) = await CliRun.RunAsync("keys", "bootstrap", "--data-dir", dir.Path);
        Assert.True(code == 0, error + output);
        Assert.Contains("ROOT", output, StringComparison.Ordinal);

        var (listCode, json, listError) = await CliRun.RunAsync("keys", "list", "--json", "--data-dir", dir.Path);
        Assert.True(listCode == 0, listError);
        var rows = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("appId").GetString() == "ROOT" && r.GetProperty("state").GetString() == "active" && r.GetProperty("current").GetBoolean());
        Assert.Contains(rows, r => r.GetProperty("appId").GetString() == "KERNEL" && r.GetProperty("refId").GetString() == "SIGN");
        Assert.Contains(rows, r => r.GetProperty("appId").GetString() == "REGISTRATION");

        // Idempotent: a second bootstrap makes no new keys.
        await CliRun.RunAsync("keys", "bootstrap", "--data-dir", dir.Path);
        var (_, again, _) = await CliRun.RunAsync("keys", "list", "--json", "--data-dir", dir.Path);
        Assert.Equal(rows.Count, JsonDocument.Parse(again).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Unknown_option_fails_with_a_one_line_error()
    {
        var (code, _, error) = await CliRun.RunAsync("keys", "list", "--no-such-option");
        Assert.Equal(2, code);
        Assert.StartsWith("kavach: ", error, StringComparison.Ordinal);
    }
}
