using Kavach.Testing;

namespace Kavach.Devices.Tests.Policy;

/// <summary>The operations test classes that share one <see cref="PostgresServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class OperationsPostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Devices.Operations.PostgreSQL";
}
