using Kavach.Devices.Tests.Registry;
using Kavach.Storage;
using Kavach.Testing;

namespace Kavach.Devices.Tests.Updates.Storage;

/// <summary>The update store contract on PostgreSQL (a database of this class's own).</summary>
[Collection(DevicePostgresCollection.Name)]
public sealed class PostgresUpdateStoreTests(PostgresServer server) : UpdateStoreContractTests
{
    protected override async Task<StoreOptions> CreateOptionsAsync() =>
        new(StoreProvider.PostgreSql, await server.DatabaseForAsync(nameof(PostgresUpdateStoreTests)));
}
