using Kavach.Testing;

namespace Kavach.Cli.Tests.Commands;

/// <summary>A configuration the composition refuses stops a command with one line naming the setting, and changes nothing.</summary>
public sealed class ConfigurationFaultTests
{
    [Fact]
    public async Task A_data_directory_that_cannot_be_made_stops_the_command_with_one_line()
    {
        using var dir = new TempDirectory("kavach-cli-config");
        var file = Path.Combine(dir.Path, "not-a-directory");
        await File.WriteAllTextAsync(file, "x");

        var (code, output, error) = await CliRun.RunAsync("keys", "bootstrap", "--data-dir", file);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("kavach: configuration error: Kavach:DataDir:", line, StringComparison.Ordinal);
        Assert.Equal("x", await File.ReadAllTextAsync(file));

        // A command that only reads says there is no data directory there.
        (code, _, error) = await CliRun.RunAsync("keys", "list", "--data-dir", file);
        Assert.Equal(1, code);
        Assert.Equal($"kavach: no Kavach data directory at {file}", error.Trim());
        Assert.Equal("x", await File.ReadAllTextAsync(file));
    }
}
