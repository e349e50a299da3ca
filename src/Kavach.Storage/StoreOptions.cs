namespace Kavach.Storage;

/// <summary>Which database the key store uses and how to reach it.</summary>
/// <param name="Provider">The database engine.</param>
/// <param name="ConnectionString">
/// SQLite: <c>Data Source=&lt;file&gt;</c>. PostgreSQL: an Npgsql connection string. It may hold a password,
/// so <see cref="ToString"/> leaves it out.
/// </param>
public sealed record StoreOptions(StoreProvider Provider, string ConnectionString)
{
    /// <summary>Describes the options without the connection string, which may hold a password.</summary>
    public override string ToString() => $"StoreOptions {{ Provider = {Provider} }}";
}
