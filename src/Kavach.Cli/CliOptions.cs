using System.CommandLine;
using Kavach.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace Kavach.Cli;

/// <summary>Options shared by commands, and the configuration they read (the server's: appsettings.json, then <c>Kavach__*</c> variables).</summary>
public static class CliOptions
{
    /// <summary><c>--data-dir</c>: overrides <c>Kavach:DataDir</c>.</summary>
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Data directory (default: Kavach__DataDir or ./data, as the server)",
        Recursive = true,
    };

    /// <summary><c>--json</c>: machine-readable output.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of a table" };

    /// <summary>The Kavach options as the server would read them, with command-line overrides.</summary>
    public static KavachOptions Load(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(KavachOptions.Section).Get<KavachOptions>() ?? new KavachOptions();
        if (parse.GetValue(DataDir) is { Length: > 0 } dataDir)
        {
            options.DataDir = dataDir;
        }

        return options;
    }
}
