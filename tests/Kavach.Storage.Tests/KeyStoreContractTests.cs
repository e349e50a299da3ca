using Microsoft.Extensions.Time.Testing;
using Kavach.Testing;
using System.Data.Common;
using System.Security.Cryptography;
using Kavach.Keys.Storage;

namespace Kavach.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IKeyStore"/> must have, run against each implementation by a subclass.
/// A subclass's tests share one database, so every test uses application ids of its own.
/// </summary>
public abstract partial class KeyStoreContractTests : IAsyncLifetime
{
    /// <summary>A start instant with sub-microsecond ticks, to see the store truncate them.</summary>
    protected static readonly DateTimeOffset Start = new DateTimeOffset(2025, 1, 15, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    protected static readonly TimeSpan Guard = TimeSpan.FromSeconds(120);

    private readonly List<IKeyStore> opened = [];
    private StoreOptions? options;

    protected FakeTimeProvider Time { get; } = new(Start);

    protected IKeyStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync()
    {
        options = await CreateOptionsAsync();
        Store = await OpenStoreAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in opened)
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    /// <summary>The options of this test class's own database.</summary>
    protected abstract Task<StoreOptions> CreateOptionsAsync();

    /// <summary>A plain provider connection to the same database, for checks behind the store's back.</summary>
    protected abstract DbConnection CreateRawConnection();

    /// <summary>The qualified name of a keymgr table.</summary>
    protected abstract string Table(string name);

    /// <summary>A timestamp column value as the provider returns it, as UTC.</summary>
    protected abstract DateTime? RawTimestamp(object? value);

    /// <summary>Options for a database that cannot be reached, and a secret they contain.</summary>
    protected abstract (StoreOptions Options, string Secret) Unreachable();

    protected abstract Task<IReadOnlyCollection<string>> ReadTableNamesAsync();

    protected abstract Task<IReadOnlyCollection<string>> ReadConstraintNamesAsync();

    protected async Task<IKeyStore> OpenStoreAsync(TimeProvider? time = null)
    {
        var store = await KeyStores.OpenAsync(options!, time ?? Time, Ct);
        lock (opened)
        {
            opened.Add(store);
        }

        return store;
    }

    protected static string NewAppId() => "T_" + RandomNumberGenerator.GetHexString(16);

    protected static string RandomHex(int bytes) => RandomNumberGenerator.GetHexString(bytes * 2);

    protected static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    protected static DateTime TruncatedToMicroseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);

    protected static KeyAlias NewAlias(string appId, string refId, DateTime generatedAt, string? id = null) =>
        new(id ?? Guid.NewGuid().ToString(), appId, refId, generatedAt, generatedAt.AddDays(730), RandomHex(32), RandomHex(20));

    protected async Task InsertCommittedAsync(params KeyAlias[] aliases)
    {
        foreach (var alias in aliases)
        {
            await using var scope = await Store.BeginWriteAsync(alias.AppId, alias.RefId, Ct);
            await scope.InsertAliasAsync(alias, Ct);
            await scope.CommitAsync(Ct);
        }
    }

    protected async Task<List<object?[]>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = CreateRawConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    protected async Task<AuditRow> ReadAuditAsync(string table, string idColumn, string id)
    {
        var rows = await QueryAsync(
            $"SELECT cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted FROM {Table(table)} WHERE {idColumn} = @id",
            ("@id", id));
        var row = Assert.Single(rows);
        return new AuditRow(
            (string)row[0]!,
            RawTimestamp(row[1]) ?? throw new InvalidOperationException("cr_dtimes is null"),
            (string?)row[2],
            RawTimestamp(row[3]),
            Convert.ToBoolean(row[4], System.Globalization.CultureInfo.InvariantCulture));
    }

    // Every migration the build carries (both dialects carry the same versions; MigrationCatalogTests checks that).
    private static IReadOnlyList<long> AllVersions =>
        Kavach.Storage.Migrations.MigrationCatalog.Load(StoreProvider.Sqlite).Select(m => (long)m.Version).ToList();

    [Fact]
    public async Task Migrations_are_recorded_once_per_version()
    {
        var versions = await QueryAsync($"SELECT version FROM {Table("schema_migrations")} ORDER BY version");

        Assert.Equal(AllVersions, versions.Select(row => Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Opening_again_applies_nothing_twice()
    {
        var policiesBefore = await Store.GetPoliciesAsync(Ct);

        Time.Advance(TimeSpan.FromHours(1));
        var again = await OpenStoreAsync();

        var versions = await QueryAsync($"SELECT version, applied_at FROM {Table("schema_migrations")}");
        Assert.Equal(AllVersions.Count, versions.Count);
        Assert.All(versions, row => Assert.Equal(TruncatedToMicroseconds(Start.UtcDateTime), RawTimestamp(row[1])));
        Assert.Equal(policiesBefore, await again.GetPoliciesAsync(Ct));
    }

    [Fact]
    public async Task Concurrent_opens_all_succeed()
    {
        var opening = Enumerable.Range(0, 8).Select(_ => Task.Run(() => OpenStoreAsync())).ToArray();

        var stores = await Task.WhenAll(opening).WaitAsync(Guard);

        Assert.All(stores, store => Assert.NotNull(store));
        var versions = await QueryAsync($"SELECT version FROM {Table("schema_migrations")}");
        Assert.Equal(AllVersions.Count, versions.Count);
        foreach (var store in stores)
        {
            Assert.True(await store.IsReachableAsync(Ct));
        }
    }

    [Fact]
    public async Task Schema_has_MOSIPs_tables_and_constraint_names()
    {
        var tables = await ReadTableNamesAsync();
        var constraints = await ReadConstraintNamesAsync();

        string[] expectedTables =
        [
            "key_alias", "key_policy_def", "key_store", "data_encrypt_keystore", "ca_cert_store", "partner_cert_store",
            "licensekey_list", "licensekey_permission", "tsp_licensekey_map", "schema_migrations",
        ];
        Assert.All(expectedTables, table => Assert.Contains(table, tables));
        string[] expectedConstraints =
        [
            "pk_keymals_id", "uni_ident_const", "pk_keypdef_id", "pk_keystr_id", "pk_dekstr_id", "pk_cacs_id",
            "cert_thumbprint_unique", "pk_parcs_id", "fk_lkeyper", "fk_tsplkeym",
        ];
        Assert.All(expectedConstraints, constraint => Assert.Contains(constraint, constraints));
    }

    [Fact]
    public async Task Default_policies_are_MOSIPs()
    {
        (string AppId, int Validity, int PreExpire)[] expected =
        [
            ("PRE_REGISTRATION", 1095, 60), ("REGISTRATION", 1095, 60), ("REGISTRATION_PROCESSOR", 1095, 60),
            ("ID_REPO", 1095, 60), ("KERNEL", 1095, 60), ("ROOT", 2920, 1125), ("BASE", 730, 30),
            ("PMS", 1460, 395), ("RESIDENT", 1095, 60), ("ADMIN_SERVICES", 1095, 60), ("DIGITAL_CARD", 1095, 60),
            ("COMPLIANCE_TOOLKIT", 1095, 60),
        ];

        var policies = (await Store.GetPoliciesAsync(Ct)).ToDictionary(policy => policy.AppId);

        foreach (var (appId, validity, preExpire) in expected)
        {
            Assert.Equal(new KeyPolicy(appId, validity, preExpire, IsActive: true, AccessAllowed: "NA"), policies[appId]);
            var audit = await ReadAuditAsync("key_policy_def", "app_id", appId);
            Assert.Equal("mosipadmin", audit.CreatedBy);
            Assert.Equal(TruncatedToMicroseconds(Start.UtcDateTime), audit.CreatedAt);
            Assert.Null(audit.UpdatedAt);
            Assert.False(audit.IsDeleted);
        }

        var seeded = await QueryAsync($"SELECT app_id FROM {Table("key_policy_def")} WHERE cr_by = 'mosipadmin'");
        Assert.Equal(12, seeded.Count);
    }

    [Fact]
    public async Task Upserting_a_policy_inserts_then_updates_and_stamps_upd_only()
    {
        var appId = NewAppId();
        var created = Time.GetUtcNow().UtcDateTime;

        await Store.UpsertPolicyAsync(new KeyPolicy(appId, 365, 30, IsActive: true, AccessAllowed: "NA"), Ct);
        Time.Advance(TimeSpan.FromMinutes(5));
        var updated = Time.GetUtcNow().UtcDateTime;
        await Store.UpsertPolicyAsync(new KeyPolicy(appId, 400, 40, IsActive: false, AccessAllowed: "alice,bob"), Ct);

        var policy = Assert.Single(await Store.GetPoliciesAsync(Ct), p => p.AppId == appId);
        Assert.Equal(new KeyPolicy(appId, 400, 40, false, "alice,bob"), policy);
        var audit = await ReadAuditAsync("key_policy_def", "app_id", appId);
        Assert.Equal(new AuditRow("SYSTEM", TruncatedToMicroseconds(created), "SYSTEM", TruncatedToMicroseconds(updated), false), audit);
    }

    [Fact]
    public async Task Store_is_reachable()
    {
        Assert.True(await Store.IsReachableAsync(Ct));
    }

    [Fact]
    public async Task Unreachable_database_gives_a_generic_unavailable_exception()
    {
        var (unreachable, secret) = Unreachable();

        var exception = await Assert.ThrowsAsync<KeyStoreUnavailableException>(
            () => KeyStores.OpenAsync(unreachable, Time, Ct).WaitAsync(Guard));

        Assert.NotNull(exception.InnerException);
        Assert.DoesNotContain(secret, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SELECT", exception.Message, StringComparison.OrdinalIgnoreCase);
    }
}
