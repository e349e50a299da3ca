using System.CommandLine;

namespace Kavach.Cli.Commands;

/// <summary>The connection options of <c>kavach devices</c> (recursive: given once on the group or on a subcommand).</summary>
internal static class DevicesCliOptions
{
    public static readonly Option<string?> Server = new("--server")
    {
        Description = "The device server's URL, e.g. https://dm.example:8444 (default: KAVACH_DEVICES_SERVER)",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "Bearer token of an administrator (default: KAVACH_TOKEN); the local admin.token works",
        Recursive = true,
    };

    public static readonly Option<string?> TokenFile = new("--token-file")
    {
        Description = "Read the token from this file instead (e.g. data/admin.token), so it stays out of the process list",
        Recursive = true,
    };

    public static readonly Option<string?> Ca = new("--ca")
    {
        Description = "PEM file of the CA(s) the server's TLS certificate must chain to, instead of the system store (default: KAVACH_DEVICES_CA)",
        Recursive = true,
    };
}
