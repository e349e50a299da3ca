using System.CommandLine;
using Kavach.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace Kavach.Cli.Commands;

/// <summary>
/// The <c>Kavach</c> options a backup command works under, read from the same sources as every command (the server's
/// <c>appsettings.json</c>, <c>Kavach__*</c> variables, <c>--data-dir</c>) without composing the services: backup and
/// restore must neither create a vault or database nor secure a directory that is about to be checked for emptiness.
/// </summary>
internal static class BackupConfiguration
{
    public static KavachOptions Load(ParseResult parse)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables();
        if (parse.GetValue(CliOptions.DataDir) is { Length: > 0 } dataDirectory)
        {
            builder.AddInMemoryCollection([new KeyValuePair<string, string?>("Kavach:DataDir", dataDirectory)]);
        }

        var options = new KavachOptions();
        builder.Build().GetSection(KavachOptions.Section).Bind(options);
        return options;
    }
}
