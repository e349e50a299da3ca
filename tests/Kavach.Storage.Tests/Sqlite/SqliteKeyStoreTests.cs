using Kavach.Testing;
using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Kavach.Storage.Tests.Sqlite;

/// <summary>The key store contract on an SQLite file, plus what is SQLite's own: text timestamps, WAL, file handling.</summary>
public sealed partial class SqliteKeyStoreTests(SqliteDatabaseFixture database)
    : KeyStoreContractTests, IClassFixture<SqliteDatabaseFixture>
{
    // SQLite cannot tell other processes; cached rows expire instead.
    protected override TimeSpan OtherWriterVisibility => Kavach.Storage.Caching.AliasCache.UnreportedMaxAge;

    protected override Task<StoreOptions> CreateOptionsAsync() =>
        Task.FromResult(new StoreOptions(StoreProvider.Sqlite, database.ConnectionString));

    protected override DbConnection CreateRawConnection() =>
        new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { ForeignKeys = true }.ToString());

    protected override string Table(string name) => name;

    protected override DateTime? RawTimestamp(object? value) =>
        value is null
            ? null
            : DateTime.ParseExact(
                (string)value,
                "yyyy-MM-dd HH:mm:ss.ffffff",
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    protected override (StoreOptions Options, string Secret) Unreachable()
    {
        // Read-only on a file that does not exist: SQLite cannot open it.
        var secret = "secret-" + RandomHex(8);
        var path = Path.Combine(database.Folder, secret, "missing.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString();
        return (new StoreOptions(StoreProvider.Sqlite, connectionString), secret);
    }

    protected override async Task<IReadOnlyCollection<string>> ReadTableNamesAsync() =>
        (await QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table'")).Select(row => (string)row[0]!).ToList();

    protected override async Task<IReadOnlyCollection<string>> ReadConstraintNamesAsync()
    {
        // SQLite keeps constraint names only in the CREATE TABLE text.
        var sql = await QueryAsync("SELECT sql FROM sqlite_master WHERE type = 'table'");
        return sql.SelectMany(row => ConstraintName().Matches((string)row[0]!).Select(match => match.Groups[1].Value)).ToList();
    }

    [Fact]
    public async Task Timestamps_are_stored_as_fixed_width_UTC_text()
    {
        var alias = NewAlias(NewAppId(), "REF", Utc(2025, 1, 2, 3, 4, 5).AddTicks(60_789));
        await InsertCommittedAsync(alias);

        var row = Assert.Single(await QueryAsync(
            "SELECT typeof(key_gen_dtimes), key_gen_dtimes, key_expire_dtimes, cr_dtimes FROM key_alias WHERE id = @id",
            ("@id", alias.Id)));

        Assert.Equal("text", row[0]);
        Assert.Equal("2025-01-02 03:04:05.006078", row[1]);
        Assert.Equal("2027-01-02 03:04:05.006078", row[2]);
        Assert.Equal("2025-01-15 10:00:00.123456", row[3]);
    }

    [Fact]
    public async Task The_database_is_in_WAL_mode()
    {
        var mode = Assert.Single(await QueryAsync("PRAGMA journal_mode"));

        Assert.Equal("wal", mode[0]);
    }

    [Fact]
    public async Task License_foreign_keys_are_declared()
    {
        var exception = await Assert.ThrowsAsync<SqliteException>(() => QueryAsync(
            "INSERT INTO licensekey_permission (license_key, permission, is_active, cr_by, cr_dtimes) VALUES ('nope', 'x', 1, 'SYSTEM', '2025-01-01 00:00:00.000000')"));

        Assert.Equal(19, exception.SqliteErrorCode); // SQLITE_CONSTRAINT (foreign key)
    }

    [Fact]
    public async Task The_first_operation_creates_the_database_file()
    {
        var path = Path.Combine(database.Folder, "first-use.db");

        await using var store = KeyStores.Create(new StoreOptions(StoreProvider.Sqlite, $"Data Source={path}"), Time);
        Assert.False(File.Exists(path));

        Assert.Empty(await store.GetAliasesAsync(NewAppId(), "REF", Ct));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void A_database_file_in_a_missing_folder_is_a_configuration_error()
    {
        var secret = "secret-" + RandomHex(8);
        var path = Path.Combine(database.Folder, "missing", secret, "kavach.db");

        var exception = Assert.Throws<StoreConfigurationException>(
            () => KeyStores.Create(new StoreOptions(StoreProvider.Sqlite, $"Data Source={path}"), Time));

        Assert.Equal(nameof(StoreOptions.ConnectionString), exception.Setting);
        Assert.DoesNotContain(secret, exception.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared")]
    public async Task In_memory_databases_are_refused(string connectionString)
    {
        await Assert.ThrowsAsync<StoreConfigurationException>(
            () => KeyStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, connectionString), Time, Ct));
    }

    [GeneratedRegex(@"CONSTRAINT\s+(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex ConstraintName();
}
