namespace Kavach.Architecture.Tests;

/// <summary>Every src project of Kavach.slnx is in the graph and inspected: a new host or library gets a deliberate row
/// in ProjectGraph (and a ProjectReference here) before it can land.</summary>
public sealed class SolutionCoverageTests
{
    [Fact]
    public void Every_src_project_in_the_solution_has_a_row_in_the_graph()
    {
        var projects = RepositoryLayout.SolutionSourceProjects();
        var missing = projects.Where(p => !ProjectGraph.Rules.Any(r => r.Project == p)).ToList();

        Assert.Contains("Kavach.Keys", projects); // the solution was read, not an empty list
        Assert.True(missing.Count == 0,
            "src projects without a row in tests/Kavach.Architecture.Tests/ProjectGraph.cs (decide what they may reference): "
            + string.Join(", ", missing));
    }

    [Fact]
    public void Every_src_project_in_the_solution_is_built_into_these_tests()
    {
        var notBuilt = RepositoryLayout.SolutionSourceProjects()
            .Select(p => ProjectGraph.Rules.SingleOrDefault(r => r.Project == p))
            .OfType<ProjectRule>()
            .Where(rule => !BuiltAssemblies.IsPresent(rule.AssemblyName))
            .Select(rule => rule.Project)
            .ToList();

        Assert.True(notBuilt.Count == 0,
            "add a ProjectReference to tests/Kavach.Architecture.Tests for: " + string.Join(", ", notBuilt));
    }
}
