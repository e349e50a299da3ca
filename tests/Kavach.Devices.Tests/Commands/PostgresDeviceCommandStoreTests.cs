using Kavach.Devices.Tests.Policy;
using Kavach.Storage;
using Kavach.Testing;

namespace Kavach.Devices.Tests.Commands;

/// <summary>The command store contract on PostgreSQL.</summary>
[Collection(OperationsPostgresCollection.Name)]
public sealed class PostgresDeviceCommandStoreTests(PostgresServer server) : DeviceCommandStoreContractTests
{
    protected override Task<StoreOptions> CreateOptionsAsync() => OperationsDatabase.NewPostgresAsync(server);
}
