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

        Assert.Equal(Enumerable.Range(1, migrations.Count), migrations.Select(m => m.Version));
        Assert.Equal(["0001_keymgr_schema.sql", "0002_default_key_policies.sql"], migrations.Take(2).Select(m => m.Name));
        Assert.All(migrations, m => Assert.StartsWith(m.Version.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "_", m.Name, StringComparison.Ordinal));
        Assert.Equal(
            MigrationCatalog.Load(StoreProvider.Sqlite).Select(m => m.Name),
            MigrationCatalog.Load(StoreProvider.PostgreSql).Select(m => m.Name));
        Assert.All(migrations, m => Assert.False(string.IsNullOrWhiteSpace(m.Sql)));
        Assert.True(migrations[1].UsesNow);
    }
}
