namespace Kavach.Storage;

/// <summary>The database engine behind an <see cref="Kavach.Keys.Storage.IKeyStore"/>.</summary>
public enum StoreProvider
{
    /// <summary>An SQLite file: the embedded default, nothing to install.</summary>
    Sqlite,

    /// <summary>PostgreSQL, tables in schema <c>keymgr</c> as in MOSIP: production and scale-out.</summary>
    PostgreSql,
}
