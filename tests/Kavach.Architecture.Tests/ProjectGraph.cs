using static Kavach.Architecture.Tests.ExternalGroup;

namespace Kavach.Architecture.Tests;

/// <summary>The architecture diagram as data, hosts first, Kavach.Crypto last. The tests hold the built assemblies and
/// the project files to it, and docs/architecture.md shows it as the Mermaid graph <see cref="MermaidGraph"/> draws.</summary>
internal static class ProjectGraph
{
    private static readonly string[] Libraries = ["Kavach.Crypto", "Kavach.Keys", "Kavach.Storage", "Kavach.Vaults", "Kavach.Trust", "Kavach.Devices"];

    /// <summary>A project listed here but not (yet) in Kavach.slnx is not checked: Kavach.Hosting is the composition the
    /// server and the CLI share (no ASP.NET), listed before it lands.</summary>
    public static readonly IReadOnlyList<ProjectRule> Rules =
    [
        new("Kavach.Gateway", "Kavach.Gateway", ["Kavach.Hosting.Web", "Kavach.PartnerChannel", "Kavach.Hosting", .. Libraries], []),
        new("Kavach.Devices.Server", "Kavach.Devices.Server", ["Kavach.Hosting.Web", "Kavach.Hosting", .. Libraries], []),
        // The device agent runs on the device: the protocol, its own TPM access, nothing of the server side.
        new("Kavach.DeviceAgent", "kavach-agent", ["Kavach.Devices", "Kavach.Trust", "Kavach.Keys", "Kavach.Crypto"], [AspNetCore, Sql, OpenTelemetrySdk]),
        new("Kavach.Server", "Kavach.Server", ["Kavach.Hosting.Web", "Kavach.Hosting", .. Libraries], []),
        new("Kavach.Cli", "kavach", ["Kavach.Hosting", .. Libraries], [AspNetCore, OpenTelemetrySdk]),
        new("Kavach.Hosting.Web", "Kavach.Hosting.Web", ["Kavach.Hosting", .. Libraries], []),
        new("Kavach.Hosting", "Kavach.Hosting", Libraries, [AspNetCore, OpenTelemetrySdk]),
        new("Kavach.PartnerChannel", "Kavach.PartnerChannel", ["Kavach.Trust", "Kavach.Keys", "Kavach.Crypto"], [Sql, Pkcs11, OpenTelemetrySdk]),
        new("Kavach.Storage", "Kavach.Storage", ["Kavach.Devices", "Kavach.Keys", "Kavach.Trust"], [AspNetCore, OpenTelemetrySdk]),
        new("Kavach.Devices", "Kavach.Devices", ["Kavach.Trust", "Kavach.Keys", "Kavach.Crypto"], [AspNetCore, Sql, Pkcs11, OpenTelemetrySdk]),
        new("Kavach.Vaults", "Kavach.Vaults", ["Kavach.Keys", "Kavach.Crypto"], [AspNetCore, OpenTelemetrySdk]),
        new("Kavach.Trust", "Kavach.Trust", ["Kavach.Keys", "Kavach.Crypto"], [AspNetCore, OpenTelemetrySdk]),
        new("Kavach.Keys", "Kavach.Keys", ["Kavach.Crypto"], [AspNetCore, Sql, Pkcs11, OpenTelemetrySdk]),
        new("Kavach.Crypto", "Kavach.Crypto", [], [AspNetCore, Sql, Pkcs11, OpenTelemetrySdk]),
    ];

    public static ProjectRule Rule(string project) =>
        Rules.SingleOrDefault(r => r.Project == project) ?? throw new ArgumentException("no rule for " + project, nameof(project));

    public static ProjectRule? RuleForAssembly(string assemblyName) =>
        Rules.SingleOrDefault(r => string.Equals(r.AssemblyName, assemblyName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every Kavach project <paramref name="project"/> may reach: its row, and the rows of those, transitively.</summary>
    public static IReadOnlySet<string> Reachable(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Rule(project).MayReference);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var further in Rule(next).MayReference)
                {
                    pending.Push(further);
                }
            }
        }

        return seen;
    }

    /// <summary>The rows' edges without those a longer path already implies: the arrows worth drawing.</summary>
    public static IEnumerable<(string From, string To)> EssentialEdges() =>
        from rule in Rules
        from target in rule.MayReference
        where !rule.MayReference.Any(other => other != target && Reachable(other).Contains(target))
        select (rule.Project, target);
}
