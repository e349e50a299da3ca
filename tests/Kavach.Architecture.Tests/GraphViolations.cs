namespace Kavach.Architecture.Tests;

/// <summary>Where a project leaves <see cref="ProjectGraph"/>: in its built assembly (what it references, itself or through
/// the Kavach assemblies it reaches) and in its project file (ProjectReference chains, the ASP.NET Core framework).</summary>
internal static class GraphViolations
{
    public static IReadOnlyList<string> Of(string project)
    {
        var rule = ProjectGraph.Rule(project);
        return [.. InAssembly(rule), .. InProjectFile(rule)];
    }

    public static string Describe(string project, IReadOnlyList<string> violations) =>
        $"{project} leaves the project graph (tests/Kavach.Architecture.Tests/ProjectGraph.cs):\n  " + string.Join("\n  ", violations);

    private static IEnumerable<string> InAssembly(ProjectRule rule)
    {
        var allowed = ProjectGraph.Reachable(rule.Project);
        foreach (var (name, chain) in BuiltAssemblies.Reached(rule).OrderBy(r => r.Value, StringComparer.Ordinal))
        {
            if (BuiltAssemblies.IsOurs(name))
            {
                var target = ProjectGraph.RuleForAssembly(name);
                if (target is null)
                {
                    yield return $"assembly {chain}: {name} has no row in the graph";
                }
                else if (!allowed.Contains(target.Project))
                {
                    yield return $"assembly {chain}: {rule.Project} may not reference {target.Project}";
                }
            }

            foreach (var group in rule.MustNotReach.Where(g => g.Matches(name)))
            {
                yield return $"assembly {chain}: {rule.Project} must never reach {group.Name}";
            }
        }
    }

    private static IEnumerable<string> InProjectFile(ProjectRule rule)
    {
        var allowed = ProjectGraph.Reachable(rule.Project);
        var start = RepositoryLayout.ProjectPath(rule.Project);
        var chains = new Dictionary<string, string>(StringComparer.Ordinal) { [start] = rule.Project };
        var pending = new Queue<string>([start]);
        while (pending.TryDequeue(out var path))
        {
            if (rule.MustNotReach.Contains(ExternalGroup.AspNetCore) && RepositoryLayout.TakesAspNetCoreFramework(path))
            {
                yield return $"project file {chains[path]}: takes the ASP.NET Core framework (Web SDK or FrameworkReference)";
            }

            foreach (var reference in RepositoryLayout.ProjectReferences(path).Where(r => !chains.ContainsKey(r)))
            {
                var referenced = Path.GetFileNameWithoutExtension(reference);
                chains[reference] = chains[path] + " → " + referenced;
                if (!allowed.Contains(referenced))
                {
                    yield return $"project file {chains[reference]}: {rule.Project} may not reference {referenced}";
                }

                pending.Enqueue(reference);
            }
        }
    }
}
