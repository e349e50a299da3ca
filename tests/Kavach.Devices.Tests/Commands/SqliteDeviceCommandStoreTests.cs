using Kavach.Devices.Tests.Policy;
using Kavach.Storage;
using Kavach.Testing;

namespace Kavach.Devices.Tests.Commands;

/// <summary>The command store contract on SQLite.</summary>
public sealed class SqliteDeviceCommandStoreTests : DeviceCommandStoreContractTests, IDisposable
{
    private readonly TempDirectory _folder = new("kavach-ops");

    public void Dispose() => _folder.Dispose();

    protected override Task<StoreOptions> CreateOptionsAsync() => Task.FromResult(OperationsDatabase.NewSqlite(_folder));
}
