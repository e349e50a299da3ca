namespace Kavach.Architecture.Tests;

/// <summary>docs/architecture.md shows the project graph the tests enforce, drawn from the same table.</summary>
public sealed class ProjectGraphDocumentTests
{
    [Fact]
    public void Docs_architecture_holds_the_diagram_drawn_from_the_table()
    {
        var path = Path.Combine(RepositoryLayout.Root, "docs", "architecture.md");
        var document = File.ReadAllText(path).ReplaceLineEndings("\n");
        var begin = document.IndexOf(MermaidGraph.BeginMarker, StringComparison.Ordinal);
        var end = document.IndexOf(MermaidGraph.EndMarker, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"docs/architecture.md lacks {MermaidGraph.BeginMarker} … {MermaidGraph.EndMarker}");

        var shown = document[(begin + MermaidGraph.BeginMarker.Length)..end].Trim('\n');
        var drawn = MermaidGraph.Render().TrimEnd('\n');

        Assert.True(shown == drawn,
            $"docs/architecture.md shows another graph than ProjectGraph.cs; put this between the markers:\n{drawn}");
    }
}
