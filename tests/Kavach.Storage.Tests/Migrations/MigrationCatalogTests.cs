using Kavach.Storage.Migrations;

namespace Kavach.Storage.Tests.Migrations;

public sealed class MigrationCatalogTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public void Each_provider_has_the_same_versions_in_order(StoreProvider provider)
    {
        var migrations = MigrationCatalog.Load(provider);

        Assert.Equal([1, 2], migrations.Select(m => m.Version));
        Assert.Equal(["0001_keymgr_schema.sql", "0002_default_key_policies.sql"], migrations.Select(m => m.Name));
        Assert.All(migrations, m => Assert.False(string.IsNullOrWhiteSpace(m.Sql)));
        Assert.True(migrations[1].UsesNow);
    }
}
