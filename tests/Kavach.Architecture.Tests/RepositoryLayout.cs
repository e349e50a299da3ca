using System.Xml.Linq;

namespace Kavach.Architecture.Tests;

/// <summary>The repository around the test: the src projects Kavach.slnx lists and what their project files declare.</summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    /// <summary>Project names (src/{Name}/{Name}.csproj) of every src project in Kavach.slnx.</summary>
    public static IReadOnlyList<string> SolutionSourceProjects()
    {
        var solution = XDocument.Load(Path.Combine(Root, "Kavach.slnx"));
        return solution.Descendants("Project")
            .Select(p => ((string?)p.Attribute("Path") ?? "").Replace('\\', '/'))
            .Where(path => path.StartsWith("src/", StringComparison.Ordinal))
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static string ProjectPath(string project) => Path.Combine(Root, "src", project, project + ".csproj");

    /// <summary>Full paths of the ProjectReference items of the project file at <paramref name="projectPath"/>.</summary>
    public static IReadOnlyList<string> ProjectReferences(string projectPath) =>
        XDocument.Load(projectPath).Descendants("ProjectReference")
            .Select(r => ((string?)r.Attribute("Include") ?? "").Replace('\\', '/'))
            .Select(include => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(projectPath)!, include)))
            .ToList();

    /// <summary>Whether the project file takes in the whole ASP.NET Core shared framework (Web SDK or FrameworkReference),
    /// which puts ASP.NET on the project's path even where no type of it is used yet.</summary>
    public static bool TakesAspNetCoreFramework(string projectPath)
    {
        var file = XDocument.Load(projectPath);
        var sdk = (string?)file.Root?.Attribute("Sdk") ?? "";
        return sdk.StartsWith("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase)
               || file.Descendants("FrameworkReference").Any(f =>
                   string.Equals((string?)f.Attribute("Include"), "Microsoft.AspNetCore.App", StringComparison.OrdinalIgnoreCase));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kavach.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Kavach.slnx not found above " + AppContext.BaseDirectory);
    }
}
