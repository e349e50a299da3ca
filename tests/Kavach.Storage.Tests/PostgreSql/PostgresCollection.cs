using Kavach.Testing;
namespace Kavach.Storage.Tests.PostgreSql;

/// <summary>The test classes that share one <see cref="PostgresServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
