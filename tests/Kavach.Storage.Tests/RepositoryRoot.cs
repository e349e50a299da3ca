namespace Kavach.Storage.Tests;

/// <summary>Finds the repository root (the folder holding Kavach.slnx) from the test binaries' folder.</summary>
internal static class RepositoryRoot
{
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
