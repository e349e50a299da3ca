using System.Reflection;

namespace Kavach.Architecture.Tests;

/// <summary>The built Kavach assemblies in the test's output directory and what they reference, read by reflection.</summary>
internal static class BuiltAssemblies
{
    public static bool IsPresent(string assemblyName) => File.Exists(PathOf(assemblyName));

    /// <summary>Every assembly <paramref name="rule"/>'s assembly references, itself or through the Kavach assemblies it
    /// reaches, each with the chain that leads to it ("kavach → Kavach.Server → Microsoft.AspNetCore.Http").</summary>
    public static IReadOnlyDictionary<string, string> Reached(ProjectRule rule)
    {
        var chains = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [rule.AssemblyName] = rule.AssemblyName };
        var pending = new Queue<string>([rule.AssemblyName]);
        while (pending.TryDequeue(out var name))
        {
            foreach (var reference in Load(name).GetReferencedAssemblies())
            {
                var referenced = reference.Name ?? "";
                if (chains.ContainsKey(referenced))
                {
                    continue;
                }

                chains[referenced] = chains[name] + " → " + referenced;
                if (IsOurs(referenced))
                {
                    pending.Enqueue(referenced);
                }
            }
        }

        chains.Remove(rule.AssemblyName);
        return chains;
    }

    public static bool IsOurs(string assemblyName) =>
        assemblyName.StartsWith("Kavach.", StringComparison.OrdinalIgnoreCase) || ProjectGraph.RuleForAssembly(assemblyName) is not null;

    private static Assembly Load(string assemblyName)
    {
        var path = PathOf(assemblyName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{assemblyName}.dll is not in {AppContext.BaseDirectory}: add its project to tests/Kavach.Architecture.Tests' ProjectReferences");
        }

        return Assembly.LoadFrom(path);
    }

    private static string PathOf(string assemblyName) => Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
}
