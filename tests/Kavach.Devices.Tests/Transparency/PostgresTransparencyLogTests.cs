using Kavach.Devices.Tests.Support;
using Kavach.Testing;

namespace Kavach.Devices.Tests.Transparency;

/// <summary>The transparency log on PostgreSQL (a database per test).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTransparencyLogTests(PostgresServer server) : TransparencyLogContractTests
{
    protected override Task<DeviceStoreHarness> CreateHarnessAsync() =>
        DeviceStoreHarness.PostgresAsync(server, nameof(PostgresTransparencyLogTests) + Guid.NewGuid().ToString("N")[..8]);
}
