namespace Kavach.Storage.Migrations;

/// <summary>One versioned SQL script, embedded in the assembly.</summary>
/// <param name="Version">The number the file name starts with; applied in ascending order, once.</param>
/// <param name="Name">The file name, for error messages and logs.</param>
/// <param name="Sql">The script. It may use the parameter <c>@now</c> (UTC, from the injected clock).</param>
internal sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>The parameter a script uses for "now"; bound only when the script mentions it.</summary>
    internal const string NowParameter = "@now";

    internal bool UsesNow => Sql.Contains(NowParameter, StringComparison.Ordinal);
}
