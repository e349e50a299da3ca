namespace Kavach.Testing;

/// <summary>Finds the repository root (the folder holding Kavach.slnx) from the test binaries' folder.</summary>
public static class RepositoryRoot
{
    /// <summary>The repository root.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kavach.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Kavach.slnx above {AppContext.BaseDirectory}.");
    }
}
