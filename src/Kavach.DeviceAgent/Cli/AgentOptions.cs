using System.CommandLine;

namespace Kavach.DeviceAgent.Cli;

/// <summary>The options the <c>kavach-agent</c> commands share.</summary>
internal static class AgentOptions
{
    public static Option<string> StateDir() => new("--state-dir") { Description = "The device's state directory (0700), or for `run` a directory of devices", Required = true };

    public static Option<string?> Server() => new("--server") { Description = "The management server, https://HOST:PORT (recorded at first use; never switched)" };

    public static Option<string?> ServerCa() => new("--server-ca") { Description = "PEM of the server's root: TLS and every response signature must chain to it" };

    public static Option<string[]> Pins() => new("--pin") { Description = "Base64 SHA-256 of the server TLS key's SubjectPublicKeyInfo (give the current and the backup pin)", AllowMultipleArgumentsPerToken = false };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON" };
}
