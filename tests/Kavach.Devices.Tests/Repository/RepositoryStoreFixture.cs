using Kavach.Storage;
using Kavach.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Repository;

/// <summary>An SQLite store of a test's own, with a fake clock; more stores on the same file act as other replicas.</summary>
internal sealed class RepositoryStoreFixture : IAsyncDisposable
{
    private readonly TempDirectory _folder = new("kavach-devices-repo");
    private readonly List<IKavachStore> _stores = [];

    public RepositoryStoreFixture(DateTimeOffset now)
    {
        Time = new FakeTimeProvider(now);
        Store = OpenReplica();
    }

    public FakeTimeProvider Time { get; }

    public IKavachStore Store { get; }

    public IKavachStore OpenReplica()
    {
        var options = new StoreOptions(StoreProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = _folder.File("keymgr.db") }.ToString());
        var store = KeyStores.Create(options, Time);
        _stores.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
