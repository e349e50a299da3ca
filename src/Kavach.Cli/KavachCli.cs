using System.CommandLine;
using Kavach.Cli.Commands;

namespace Kavach.Cli;

/// <summary>The <c>kavach</c> command line: the same configuration, data directory and services as the server.</summary>
public static class KavachCli
{
    /// <summary>Runs the command line with the given streams; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Kavach: key manager and trust platform (MOSIP-compatible).");
        root.Options.Add(CliOptions.DataDir);
        root.Subcommands.Add(KeysCommand.Create(console));
        root.Subcommands.Add(CryptoCommand.Create(console));
        root.Subcommands.Add(JwsCommand.Create(console));
        root.Subcommands.Add(TrustCommand.Create(console));
        root.Subcommands.Add(PartnerCommand.Create(console));
        root.Subcommands.Add(ZkCommand.Create(console));
        root.Subcommands.Add(AuditCommand.Create(console));
        root.Subcommands.Add(TokenCommand.Create(console));
        root.Subcommands.Add(BackupCommand.Create(console));
        root.Subcommands.Add(DevicesCommand.Create(console));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"kavach: {error.Message}");
            }

            return 2;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken);
    }
}
