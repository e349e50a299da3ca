using Kavach.Testing;
using Microsoft.Data.Sqlite;

namespace Kavach.Storage.Tests.Sqlite;

/// <summary>A temporary folder with one SQLite database file for a test class; deleted at the end.</summary>
public sealed class SqliteDatabaseFixture : IDisposable
{
    public SqliteDatabaseFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "kavach-sqlite-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(Folder, "keymgr.db") }.ToString();
    }

    public string Folder { get; }

    public string ConnectionString { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
