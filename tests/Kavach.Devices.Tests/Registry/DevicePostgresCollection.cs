using Kavach.Testing;

namespace Kavach.Devices.Tests.Registry;

/// <summary>The device test classes that share one <see cref="PostgresServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DevicePostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Devices PostgreSQL";
}
