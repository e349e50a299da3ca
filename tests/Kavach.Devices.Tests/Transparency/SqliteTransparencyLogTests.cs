using Kavach.Devices.Tests.Support;

namespace Kavach.Devices.Tests.Transparency;

/// <summary>The transparency log on SQLite.</summary>
public sealed class SqliteTransparencyLogTests : TransparencyLogContractTests
{
    protected override Task<DeviceStoreHarness> CreateHarnessAsync() => DeviceStoreHarness.SqliteAsync();
}
