using Kavach.Testing;

namespace Kavach.Storage.Tests;

/// <summary>Options that cannot work are refused before any connection, naming the setting and never the password.</summary>
public sealed class StoreOptionsTests
{
    private const string Password = "hunter2-secret";

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

    [Fact]
    public void An_unknown_provider_is_refused()
    {
        var exception = Assert.Throws<StoreConfigurationException>(
            () => new StoreOptions((StoreProvider)42, $"Host=db;Password={Password}").Validate());

        Assert.Equal(nameof(StoreOptions.Provider), exception.Setting);
        Assert.Contains("Provider", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, exception.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StoreProvider.PostgreSql, "")]
    [InlineData(StoreProvider.Sqlite, "  ")]
    public void An_empty_connection_string_is_refused(StoreProvider provider, string connectionString)
    {
        var exception = Assert.Throws<StoreConfigurationException>(() => new StoreOptions(provider, connectionString).Validate());

        Assert.Equal(nameof(StoreOptions.ConnectionString), exception.Setting);
        Assert.Contains("ConnectionString", exception.Message, StringComparison.Ordinal);
    }

    // A ';' in an unquoted password makes its tail a "keyword": the parser's message would quote it.
    [Theory]
    [InlineData(StoreProvider.PostgreSql, "Host=db;Username=kavach;Password=abc;" + Password + "=x")]
    [InlineData(StoreProvider.PostgreSql, "Host=db;Port=not-a-port;Password=" + Password)]
    [InlineData(StoreProvider.Sqlite, "Data Source=/tmp/k.db;Password=abc;" + Password + "=x")]
    public void A_connection_string_the_provider_cannot_parse_is_refused_without_quoting_it(StoreProvider provider, string connectionString)
    {
        var exception = Assert.Throws<StoreConfigurationException>(
            () => KeyStores.Create(new StoreOptions(provider, connectionString), TimeProvider.System));

        Assert.Equal(nameof(StoreOptions.ConnectionString), exception.Setting);
        Assert.Contains("ConnectionString", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, exception.ToString(), StringComparison.Ordinal);
        Assert.Null(exception.InnerException);
    }

    [Fact]
    public void A_PostgreSQL_connection_string_without_a_host_is_refused()
    {
        var exception = Assert.Throws<StoreConfigurationException>(
            () => new StoreOptions(StoreProvider.PostgreSql, $"Database=keymgr;Password={Password}").Validate());

        Assert.Equal(nameof(StoreOptions.ConnectionString), exception.Setting);
        Assert.Contains("Host", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_SQLite_file_in_a_missing_folder_is_refused_and_the_folder_is_not_created()
    {
        using var folder = new TempDirectory("kavach-store-options");
        var missing = folder.File("missing");

        var exception = Assert.Throws<StoreConfigurationException>(
            () => new StoreOptions(StoreProvider.Sqlite, $"Data Source={Path.Combine(missing, "kavach.db")}").Validate());

        Assert.Equal(nameof(StoreOptions.ConnectionString), exception.Setting);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Valid_options_pass()
    {
        using var folder = new TempDirectory("kavach-store-options");

        new StoreOptions(StoreProvider.Sqlite, $"Data Source={folder.File("kavach.db")}").Validate();
        new StoreOptions(StoreProvider.PostgreSql, $"Host=127.0.0.1;Port=5432;Database=keymgr;Username=kavach;Password={Password}").Validate();
    }
}
