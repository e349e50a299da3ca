using Kavach.Testing;

namespace Kavach.Cli.Tests.Commands;

public sealed class ZkCommandTests
{
    [Fact]
    public async Task Pool_generate_is_idempotent_and_status_reports_it()
    {
        using (var empty = new TempDirectory("kavach-cli-zk-empty"))
        {
            var (noMaster, _, noMasterError) = await CliRun.RunAsync("zk", "pool", "generate", "--size", "50", "--data-dir", empty.Path);
            Assert.Equal(1, noMaster);
            Assert.Contains("KER-ZKC-002", noMasterError, StringComparison.Ordinal);
        }

        using var dir = new TempDirectory("kavach-cli-zk");
        await BootstrappedData.CopyToAsync(dir.Path);
        var (code, output, error) = await CliRun.RunAsync("zk", "pool", "generate", "--size", "50", "--data-dir", dir.Path);
        Assert.True(code == 0, error);
        Assert.Contains("added 50 keys", output, StringComparison.Ordinal);
        Assert.Contains("added 0 keys", (await CliRun.RunAsync("zk", "pool", "generate", "--size", "50", "--data-dir", dir.Path)).Out, StringComparison.Ordinal);

        var (statusCode, status, _) = await CliRun.RunAsync("zk", "pool", "status", "--data-dir", dir.Path);
        Assert.Equal(0, statusCode);
        var lines = status.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("active keys\tmaster alias\tmaster expires (UTC)", lines[0]);
        Assert.StartsWith("50\t", lines[1], StringComparison.Ordinal);
    }
}
