using Kavach.Testing;
namespace Kavach.Storage.Tests;

public sealed class StoreOptionsTests
{
    [Fact]
    public void ToString_leaves_out_the_connection_string()
    {
        var options = new StoreOptions(StoreProvider.PostgreSql, "Host=db;Password=hunter2");

        Assert.DoesNotContain("hunter2", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("PostgreSql", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_connection_string_is_refused()
    {
        var exception = await Assert.ThrowsAsync<StoreConfigurationException>(
            () => KeyStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, " "), TimeProvider.System, CancellationToken.None));

        Assert.Equal(nameof(StoreOptions.ConnectionString), exception.Setting);
    }
}
