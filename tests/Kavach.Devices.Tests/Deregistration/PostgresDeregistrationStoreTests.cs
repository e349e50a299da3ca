using Kavach.Devices.Tests.Support;
using Kavach.Testing;

namespace Kavach.Devices.Tests.Deregistration;

/// <summary>The de-registration table on PostgreSQL (a database per test).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDeregistrationStoreTests(PostgresServer server) : DeregistrationStoreContractTests
{
    protected override Task<DeviceStoreHarness> CreateHarnessAsync() =>
        DeviceStoreHarness.PostgresAsync(server, nameof(PostgresDeregistrationStoreTests) + Guid.NewGuid().ToString("N")[..8]);
}
