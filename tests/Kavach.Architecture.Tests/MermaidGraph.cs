using System.Text;

namespace Kavach.Architecture.Tests;

/// <summary>Draws <see cref="ProjectGraph"/> as a Mermaid flowchart: hosts on top, an arrow for "may reference" (and so
/// everything below it), each node noting the outside assemblies it must never reach.</summary>
internal static class MermaidGraph
{
    public const string BeginMarker = "<!-- project-graph:begin -->";

    public const string EndMarker = "<!-- project-graph:end -->";

    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("```mermaid\n");
        text.Append("flowchart TD\n");
        foreach (var rule in ProjectGraph.Rules)
        {
            var label = rule.Project == rule.AssemblyName ? rule.Project : $"{rule.Project} ({rule.AssemblyName})";
            if (rule.MustNotReach.Count > 0)
            {
                label += "<br/>never " + string.Join(", ", rule.MustNotReach.Select(g => g.Name));
            }

            text.Append($"    {NodeId(rule.Project)}[\"{label}\"]\n");
        }

        foreach (var (from, to) in ProjectGraph.EssentialEdges())
        {
            text.Append($"    {NodeId(from)} --> {NodeId(to)}\n");
        }

        text.Append("```\n");
        return text.ToString();
    }

    // Mermaid node ids cannot hold dots: Kavach.Crypto draws as Crypto.
    private static string NodeId(string project) => project.Replace("Kavach.", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
}
