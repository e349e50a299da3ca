using Kavach.Testing;

namespace Kavach.Server.Tests.PostgreSql;

/// <summary>The server tests that run on PostgreSQL share one server (a database each).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    /// <summary>The collection name.</summary>
    public const string Name = "postgres";
}
