namespace Kavach.Hosting.Configuration;

/// <summary>Database settings: <c>Sqlite</c> (default, <c>&lt;DataDir&gt;/kavach.db</c>) or <c>PostgreSql</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Provider connection string; for SQLite it defaults to the file in the data directory.</summary>
    public string? ConnectionString { get; set; }
}
