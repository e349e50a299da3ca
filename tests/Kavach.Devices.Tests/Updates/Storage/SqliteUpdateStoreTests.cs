using Kavach.Storage;
using Kavach.Testing;
using Microsoft.Data.Sqlite;

namespace Kavach.Devices.Tests.Updates.Storage;

/// <summary>The update store contract on an SQLite file of this class's own.</summary>
public sealed class SqliteUpdateStoreTests : UpdateStoreContractTests, IDisposable
{
    private readonly TempDirectory _folder = new("kavach-updates-sqlite");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    protected override Task<StoreOptions> CreateOptionsAsync() =>
        Task.FromResult(new StoreOptions(StoreProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _folder.File("keymgr.db") }.ToString()));
}
