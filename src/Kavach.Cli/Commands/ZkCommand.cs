using System.CommandLine;
using System.Globalization;

namespace Kavach.Cli.Commands;

/// <summary><c>kavach zk pool status</c> and <c>kavach zk pool generate</c>.</summary>
public static class ZkCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create(CliConsole console)
    {
        var status = new Command("status", "Pool size, ZK master key alias and expiry");
        status.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            await using var kavach = await CliKavach.OpenExistingAsync(parse, ct);
            var pool = await kavach.ZkPool.StatusAsync(ct);
            await CliOutput.WriteTableAsync(
                console,
                ["active keys", "master alias", "master expires (UTC)"],
                [[pool.ActiveKeys.ToString(CultureInfo.InvariantCulture), pool.MasterAlias ?? "(none)", pool.MasterExpiresAt?.ToString("u") ?? "-"]]);
        }));

        var size = new Option<int?>("--size") { Description = "Pool size (default: Kavach:ZeroKnowledge:PoolSize, 10000)" };
        var generate = new Command("generate", "Fill the pool up to its size (idempotent; completes partial runs)") { size };
        generate.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            await using var kavach = await CliKavach.OpenAsync(parse, ct);
            var target = parse.GetValue(size) ?? kavach.Options.ZeroKnowledge.PoolSize;
            await using var audit = await CliAudit.BeginAsync(kavach, "zk.pool.generate", string.Create(CultureInfo.InvariantCulture, $"size={target}"), ct);
            var result = await kavach.ZkPool.GenerateAsync(target, ct);
            await audit.CompleteAsync(result, result.IsSuccess ? string.Create(CultureInfo.InvariantCulture, $"added={result.Value}") : null, ct);
            if (!result.IsSuccess)
            {
                throw new CliFailureException($"{result.Error.Code} {result.Error.Message} (run 'kavach keys bootstrap' to make the ZK master key)");
            }

            await console.Out.WriteLineAsync($"added {result.Value} keys");
        }));

        var pool = new Command("pool", "The zero-knowledge key pool");
        pool.Subcommands.Add(status);
        pool.Subcommands.Add(generate);
        var zk = new Command("zk", "Zero-knowledge encryption");
        zk.Subcommands.Add(pool);
        return zk;
    }
}
