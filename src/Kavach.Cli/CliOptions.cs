using System.CommandLine;

namespace Kavach.Cli;

/// <summary>Options shared by commands (the configuration they read is <see cref="CliKavach"/>'s).</summary>
public static class CliOptions
{
    /// <summary><c>--data-dir</c>: overrides <c>Kavach:DataDir</c>.</summary>
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Data directory (default: Kavach__DataDir or data; a relative path is taken from the current directory, as the server takes it)",
        Recursive = true,
    };

    /// <summary><c>--json</c>: machine-readable output.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of a table" };
}
