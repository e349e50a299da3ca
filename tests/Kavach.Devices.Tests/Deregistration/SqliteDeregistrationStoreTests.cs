using Kavach.Devices.Tests.Support;

namespace Kavach.Devices.Tests.Deregistration;

/// <summary>The de-registration table on SQLite.</summary>
public sealed class SqliteDeregistrationStoreTests : DeregistrationStoreContractTests
{
    protected override Task<DeviceStoreHarness> CreateHarnessAsync() => DeviceStoreHarness.SqliteAsync();
}
