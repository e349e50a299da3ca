using Kavach.Testing;

namespace Kavach.Devices.Tests.Support;

/// <summary>The test classes of this project that share one <see cref="PostgresServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Devices PostgreSQL";
}
