using Kavach.Devices.Tests.Registry;
using Kavach.Storage;
using Kavach.Testing;

namespace Kavach.Devices.Tests.Enrolment;

/// <summary>The enrolment store contract on PostgreSQL (a database of this class's own).</summary>
[Collection(DevicePostgresCollection.Name)]
public sealed class PostgresEnrolmentStoreTests(PostgresServer server) : EnrolmentStoreContractTests
{
    protected override async Task<StoreOptions> CreateOptionsAsync() =>
        new StoreOptions(StoreProvider.PostgreSql, await server.DatabaseForAsync(nameof(PostgresEnrolmentStoreTests)));
}
