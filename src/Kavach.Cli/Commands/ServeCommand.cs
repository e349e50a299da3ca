using System.CommandLine;
using Kavach.Server;
using Microsoft.Extensions.Hosting;

namespace Kavach.Cli.Commands;

/// <summary><c>kavach serve [server arguments]</c>: runs the server (same as <c>dotnet run --project src/Kavach.Server</c>).</summary>
public static class ServeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("serve", "Run the key manager server (arguments such as --urls are passed on)");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var args = parse.UnmatchedTokens.ToList();
            if (parse.GetValue(CliOptions.DataDir) is { Length: > 0 } dataDir)
            {
                args.Add($"--Kavach:DataDir={dataDir}");
            }

            var app = KavachServer.Build(args.ToArray());
            await app.StartAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
