using System.Globalization;
using System.Reflection;

namespace Kavach.Storage.Migrations;

/// <summary>Reads the embedded migration scripts of one provider (<c>Migrations/&lt;Provider&gt;/NNNN_name.sql</c>).</summary>
internal static class MigrationCatalog
{
    private const string ResourcePrefix = "Kavach.Storage.Migrations.";

    /// <summary>The scripts of <paramref name="provider"/>, by ascending version.</summary>
    internal static IReadOnlyList<Migration> Load(StoreProvider provider)
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var folder = ResourcePrefix + provider.ToString() + "/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // MSBuild's %(RecursiveDir) uses the build machine's separator.
            var normalised = resource.Replace('\\', '/');
            if (!normalised.StartsWith(folder, StringComparison.Ordinal) ||
                !normalised.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = normalised[folder.Length..];
            migrations.Add(new Migration(ParseVersion(fileName), fileName, ReadText(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException(
                    $"Two migrations share version {migrations[i].Version}: {migrations[i - 1].Name}, {migrations[i].Name}.");
            }
        }

        if (migrations.Count == 0)
        {
            throw new InvalidOperationException($"No embedded migrations found for {provider}.");
        }

        return migrations;
    }

    private static int ParseVersion(string fileName)
    {
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 ||
            !int.TryParse(fileName.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Migration file '{fileName}' does not start with 'NNNN_'.");
        }

        return version;
    }

    private static string ReadText(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' cannot be read.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
