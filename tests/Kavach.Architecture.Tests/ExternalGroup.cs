namespace Kavach.Architecture.Tests;

/// <summary>A family of outside assemblies a project must not reach, named by assembly-name prefixes.</summary>
/// <param name="Name">How the diagram and failure messages call it.</param>
/// <param name="Prefixes">An assembly matches a prefix when its name equals it or continues it after a dot.</param>
internal sealed record ExternalGroup(string Name, IReadOnlyList<string> Prefixes)
{
    public static readonly ExternalGroup AspNetCore = new("ASP.NET Core", ["Microsoft.AspNetCore"]);

    public static readonly ExternalGroup Sql = new("SQL", ["Npgsql", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "System.Data", "Dapper"]);

    // The PKCS#11 binding ships as Pkcs11Interop; older packages named the assembly after the namespace.
    public static readonly ExternalGroup Pkcs11 = new("PKCS11", ["Pkcs11Interop", "Net.Pkcs11Interop"]);

    // Libraries instrument with System.Diagnostics (Meter, ActivitySource); only the web hosts and their shared
    // library (Kavach.Hosting.Web) export with OpenTelemetry.
    public static readonly ExternalGroup OpenTelemetrySdk = new("OpenTelemetry", ["OpenTelemetry"]);

    public bool Matches(string assemblyName) =>
        Prefixes.Any(p => assemblyName.Equals(p, StringComparison.OrdinalIgnoreCase)
                          || assemblyName.StartsWith(p + ".", StringComparison.OrdinalIgnoreCase));
}
