namespace Kavach.Architecture.Tests;

/// <summary>The built assemblies and project files keep to the project graph: Kavach.Crypto depends on nothing of ours,
/// Kavach.Keys never on ASP.NET, SQL or PKCS#11, the libraries never on ASP.NET, the CLI never on the server.</summary>
public sealed class DependencyRuleTests
{
    /// <summary>The src projects of Kavach.slnx that have a row, the CLI aside (its own test below).</summary>
    public static TheoryData<string> ProjectsInTheSolution()
    {
        var data = new TheoryData<string>();
        foreach (var project in RepositoryLayout.SolutionSourceProjects())
        {
            if (project != "Kavach.Cli" && ProjectGraph.Rules.Any(r => r.Project == project))
            {
                data.Add(project);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProjectsInTheSolution))]
    public void Project_references_only_what_the_graph_allows(string project)
    {
        var violations = GraphViolations.Of(project);

        Assert.True(violations.Count == 0, GraphViolations.Describe(project, violations));
    }

    [Fact]
    public void Cli_references_neither_the_server_nor_AspNetCore()
    {
        var violations = GraphViolations.Of("Kavach.Cli");

        Assert.True(violations.Count == 0, GraphViolations.Describe("Kavach.Cli", violations));
    }

    [Fact]
    public void The_checks_see_references_through_our_assemblies()
    {
        // Kavach.Keys uses Kavach.Crypto: if that were not found, every rule above would pass for the wrong reason.
        var reached = BuiltAssemblies.Reached(ProjectGraph.Rule("Kavach.Keys"));

        Assert.Contains("Kavach.Crypto", reached.Keys);
        Assert.Contains(reached.Keys, name => name.StartsWith("System.Security.Cryptography", StringComparison.Ordinal));
        Assert.Contains(BuiltAssemblies.Reached(ProjectGraph.Rule("Kavach.Server")).Keys, ExternalGroup.AspNetCore.Matches);
    }
}
