namespace Kavach.Architecture.Tests;

/// <summary>The table itself: consistent, acyclic, and still saying what the architecture says, so that relaxing a rule
/// to make a build pass shows up as a failing test rather than a quiet edit.</summary>
public sealed class ProjectGraphTableTests
{
    private static readonly string[] Libraries = ["Kavach.Crypto", "Kavach.Keys", "Kavach.Storage", "Kavach.Vaults", "Kavach.Trust"];

    [Fact]
    public void Every_reference_in_the_table_names_a_row_and_nothing_reaches_itself()
    {
        foreach (var rule in ProjectGraph.Rules)
        {
            Assert.All(rule.MayReference, target => Assert.Contains(ProjectGraph.Rules, r => r.Project == target));
            Assert.DoesNotContain(rule.Project, ProjectGraph.Reachable(rule.Project));
        }

        Assert.Equal(ProjectGraph.Rules.Count, ProjectGraph.Rules.Select(r => r.Project).Distinct().Count());
    }

    [Fact]
    public void The_table_keeps_the_layering_of_the_architecture()
    {
        Assert.Empty(ProjectGraph.Rule("Kavach.Crypto").MayReference);
        Assert.Superset(
            new HashSet<ExternalGroup> { ExternalGroup.AspNetCore, ExternalGroup.Sql, ExternalGroup.Pkcs11 },
            ProjectGraph.Rule("Kavach.Keys").MustNotReach.ToHashSet());
        Assert.Equal(new[] { "Kavach.Crypto" }, ProjectGraph.Reachable("Kavach.Keys"));
        foreach (var project in new[] { "Kavach.Storage", "Kavach.Vaults", "Kavach.Trust", "Kavach.Hosting", "Kavach.Cli" })
        {
            Assert.Contains(ExternalGroup.AspNetCore, ProjectGraph.Rule(project).MustNotReach);
        }

        foreach (var rule in ProjectGraph.Rules.Where(r => r.Project != "Kavach.Server"))
        {
            Assert.DoesNotContain("Kavach.Server", ProjectGraph.Reachable(rule.Project));
        }

        foreach (var library in Libraries)
        {
            Assert.DoesNotContain("Kavach.Hosting", ProjectGraph.Reachable(library));
            Assert.DoesNotContain("Kavach.Cli", ProjectGraph.Reachable(library));
        }
    }

    [Fact]
    public void The_diagram_draws_only_the_arrows_a_longer_path_does_not_imply()
    {
        var edges = ProjectGraph.EssentialEdges().ToList();

        Assert.Contains(("Kavach.Keys", "Kavach.Crypto"), edges);
        Assert.Contains(("Kavach.Server", "Kavach.Hosting.Web"), edges);
        Assert.Contains(("Kavach.Hosting.Web", "Kavach.Hosting"), edges);
        Assert.DoesNotContain(("Kavach.Server", "Kavach.Hosting"), edges); // implied by Server → Hosting.Web → Hosting
        Assert.DoesNotContain(("Kavach.Server", "Kavach.Crypto"), edges); // implied by Server → Hosting.Web → … → Crypto
        Assert.DoesNotContain(("Kavach.Trust", "Kavach.Crypto"), edges); // implied by Trust → Keys → Crypto
    }
}
