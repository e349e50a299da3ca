using Kavach.Testing;

namespace Kavach.Cli.Tests.Commands;

/// <summary>
/// Commands that only read never create a vault or a database: a mistyped <c>--data-dir</c> fails with exit code 1
/// and one line naming the absolute path, and leaves nothing behind.
/// </summary>
public sealed class ReadOnlyCommandTests
{
    public static TheoryData<string[]> ReadOnlyCommands => new()
    {
        { new[] { "keys", "list" } },
        { new[] { "keys", "list", "--json" } },
        { new[] { "keys", "expiring", "--days", "90" } },
        { new[] { "audit", "verify" } },
        { new[] { "audit", "export" } },
        { new[] { "trust", "list" } },
        { new[] { "zk", "pool", "status" } },
        { new[] { "token", "issue", "--sub", "alice", "--roles", "REGISTRATION_PROCESSOR" } },
    };

    [Theory]
    [MemberData(nameof(ReadOnlyCommands))]
    public async Task A_missing_data_directory_is_refused_and_not_created(string[] command)
    {
        using var dir = new TempDirectory("kavach-cli-readonly");
        var typo = dir.File("dtaa");

        var (code, output, error) = await CliRun.RunAsync([.. command, "--data-dir", typo]);

        Assert.Equal(1, code);
        Assert.Empty(output.Trim());
        Assert.Equal($"kavach: no Kavach data directory at {Path.GetFullPath(typo)}", error.Trim());
        Assert.False(Directory.Exists(typo));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Theory]
    [MemberData(nameof(ReadOnlyCommands))]
    public async Task A_directory_without_a_kavach_database_is_refused_and_left_empty(string[] command)
    {
        using var dir = new TempDirectory("kavach-cli-readonly-empty");

        var (code, _, error) = await CliRun.RunAsync([.. command, "--data-dir", dir.Path]);

        Assert.Equal(1, code);
        Assert.Equal($"kavach: no Kavach data directory at {Path.GetFullPath(dir.Path)}", error.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task A_relative_data_directory_is_named_by_its_absolute_path()
    {
        var relative = "no-such-kavach-dir-" + Guid.NewGuid().ToString("N");

        var (code, _, error) = await CliRun.RunAsync("audit", "verify", "--data-dir", relative);

        Assert.Equal(1, code);
        Assert.Equal($"kavach: no Kavach data directory at {Path.Combine(Environment.CurrentDirectory, relative)}", error.Trim());
        Assert.False(Directory.Exists(relative));
    }

    [Fact]
    public async Task Commands_that_create_keys_still_create_the_directory()
    {
        using var dir = new TempDirectory("kavach-cli-create");
        var data = dir.File("new-data");

        var (code, _, error) = await CliRun.RunAsync("keys", "bootstrap", "--data-dir", data);

        Assert.True(code == 0, error);
        Assert.True(File.Exists(Path.Combine(data, "kavach.db")));
        Assert.Equal(0, (await CliRun.RunAsync("keys", "list", "--data-dir", data)).ExitCode);
    }
}
