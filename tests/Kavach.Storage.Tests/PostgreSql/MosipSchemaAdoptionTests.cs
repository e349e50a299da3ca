using Kavach.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Kavach.Storage.Tests.PostgreSql;

/// <summary>
/// Kavach opens a database made by MOSIP's own scripts (run with psql from ../shared/reference/mosip-keymgr-db) and
/// changes it only by additions: every MOSIP table, column, type, constraint, index and row stays as MOSIP left it, so
/// MOSIP's key manager could still run on the database (the roll-back of docs/migrating-from-mosip.md).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MosipSchemaAdoptionTests(PostgresServer server)
{
    /// <summary>What Kavach adds to a MOSIP database (docs/migrating-from-mosip.md lists the same).</summary>
    private static readonly string[] AddedTables =
        ["audit_checkpoint", "audit_log", "ca_crl_store", "channel_partner", "channel_replay", "device",
         "device_approval", "device_cert", "device_command", "device_deregistration", "device_enrol_nonce",
         "device_hook_delivery", "device_job_run", "device_l0_request", "device_log_leaf", "device_log_sth",
         "device_model", "device_provider", "device_release", "device_release_timestamp", "device_rollout",
         "device_rollout_member", "device_update_artifact", "device_update_trust", "schema_migrations",
         "trust_domain_state", "whitelist_batch", "whitelist_entry"];

    private static readonly string[] AddedIndexesOnMosipTables =
        ["idx_ca_cert_domain", "idx_ca_cert_subject", "idx_keymals_app_crby", "idx_keymals_app_ref_gen", "idx_keymals_thumbprint"];

    private static readonly string[] AddedTriggers =
        ["key_alias_changed", "trg_audcp_append_only", "trg_audlog_append_only"];

    private static readonly string[] AddedFunctions = ["audit_append_only", "notify_key_alias_changed"];

    private static CancellationToken Ct => CancellationToken.None;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_MOSIP_database_is_adopted_with_additions_only(bool upgradedFrom121)
    {
        var connection = await server.DatabaseForAsync(nameof(A_MOSIP_database_is_adopted_with_additions_only) + upgradedFrom121);
        await MosipKeymgrDatabase.CreateAsync(connection, upgradedFrom121);
        await ExecuteAsync(connection, MosipRows);
        var before = await SchemaAsync(connection);

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));
        await using (var store = await KeyStores.OpenAsync(new StoreOptions(StoreProvider.PostgreSql, connection), time, Ct))
        {
            var policies = await store.GetPoliciesAsync(Ct);
            Assert.Equal(12, policies.Count);
            Assert.Contains(policies, p => p.AppId == "ROOT" && p.ValidityDays == 2920 && p.PreExpireDays == 1125);

            var alias = await store.GetAliasAsync("1d8f8cd4-5a5e-4b7c-9d7c-0f2a3a1c6e01", Ct);
            Assert.NotNull(alias);
            Assert.Equal(("REGISTRATION", "mosip-ref"), (alias.AppId, alias.RefId));
            var stored = await store.GetStoredKeyAsync(alias.Id, Ct);
            Assert.Equal("7c9e6679-7425-40de-944b-e07fc1f90ae7", stored!.MasterKeyAlias);
        }

        var after = await SchemaAsync(connection);

        // A second start finds every migration recorded and changes nothing.
        await using (await KeyStores.OpenAsync(new StoreOptions(StoreProvider.PostgreSql, connection), time, Ct))
        {
        }

        Assert.Equal(after, await SchemaAsync(connection));

        // Nothing of MOSIP's changed: its columns (types, lengths, nullability, defaults), constraints, indexes and rows.
        Assert.Equal(before.Columns, after.Columns.Where(c => !AddedTables.Contains(c.Split('.')[0])).ToList());
        Assert.Equal(before.Constraints, after.Constraints.Where(c => !AddedTables.Contains(c.Split('.')[0])).ToList());
        Assert.Equal(before.Rows, after.Rows);
        Assert.Empty(before.Indexes.Except(after.Indexes));

        // What was added is exactly the documented list.
        Assert.Equal(AddedTables, after.Tables.Except(before.Tables).Order(StringComparer.Ordinal));
        Assert.Equal(
            AddedIndexesOnMosipTables,
            after.Indexes.Except(before.Indexes).Where(i => !AddedTables.Contains(i.Split('.')[0])).Select(i => i.Split(' ')[0].Split('.')[1]).Order(StringComparer.Ordinal));
        Assert.Equal(AddedTriggers, after.Triggers.Except(before.Triggers).Select(t => t.Split('.')[1]).Order(StringComparer.Ordinal));
        Assert.Equal(AddedFunctions, after.Functions.Except(before.Functions).Order(StringComparer.Ordinal));

        // The bookkeeping: one row per embedded migration.
        // The alias keeps ORDER BY on the integer column: ordered as text, "10" would come before "2".
        var versions = await QueryAsync(connection, "SELECT version::text AS applied FROM keymgr.schema_migrations ORDER BY version");
        Assert.Equal(Enumerable.Range(1, versions.Count).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), versions);

        // MOSIP's own writes still work on the adopted schema (its key manager resumes on a roll-back).
        await ExecuteAsync(
            connection,
            """
            INSERT INTO keymgr.key_alias (id, app_id, ref_id, key_gen_dtimes, key_expire_dtimes, cr_by, cr_dtimes, is_deleted, cert_thumbprint, uni_ident)
            VALUES ('0c3cbd0e-3d1c-4d52-9d0c-8f6f3d7d9a10', 'REGISTRATION', 'after', now(), now() + interval '730 days', 'SYSTEM', now(), false,
                    'B1D6A5C3A2B1C0D9E8F7A6B5C4D3E2F1A0B9C8D7E6F5A4B3C2D1E0F9A8B7C6D5', 'D9B1F0A4E5C6B7A8D9E0F1A2B3C4D5E6F7A8B9C0');
            UPDATE keymgr.key_alias SET key_expire_dtimes = now() - interval '1 minute' WHERE id = '0c3cbd0e-3d1c-4d52-9d0c-8f6f3d7d9a10';
            """);

        // The roll-back script removes every addition: MOSIP's schema is left exactly as its scripts made it.
        await ExecuteAsync(connection, await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "scripts", "mosip", "remove-kavach-additions.sql")));
        var removed = await SchemaAsync(connection);
        Assert.Equal(before.Tables, removed.Tables);
        Assert.Equal(before.Columns, removed.Columns);
        Assert.Equal(before.Constraints, removed.Constraints);
        Assert.Equal(before.Indexes, removed.Indexes);
        Assert.Equal(before.Triggers, removed.Triggers);
        Assert.Equal(before.Functions, removed.Functions);
    }

    // Rows as MOSIP's key manager writes them: a master key held in the HSM (key_alias only) and a base key
    // (key_alias + key_store, the private key wrapped under the master); cr_by SYSTEM, upd_* never written.
    private const string MosipRows =
        """
        INSERT INTO keymgr.key_alias (id, app_id, ref_id, key_gen_dtimes, key_expire_dtimes, status_code, lang_code, cr_by, cr_dtimes, is_deleted, cert_thumbprint, uni_ident)
        VALUES ('7c9e6679-7425-40de-944b-e07fc1f90ae7', 'REGISTRATION', '', '2025-01-15 10:00:00.123', '2028-01-15 10:00:00.123', NULL, NULL, 'SYSTEM', '2025-01-15 10:00:00.456', false,
                '0F0E0D0C0B0A09080706050403020100F0E0D0C0B0A090807060504030201000', '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567'),
               ('1d8f8cd4-5a5e-4b7c-9d7c-0f2a3a1c6e01', 'REGISTRATION', 'mosip-ref', '2025-02-01 08:30:00', '2027-02-01 08:30:00', NULL, NULL, 'SYSTEM', '2025-02-01 08:30:00', false,
                'AA0E0D0C0B0A09080706050403020100F0E0D0C0B0A090807060504030201000', 'BB1B2C3D4E5F60718293A4B5C6D7E8F901234567');
        INSERT INTO keymgr.key_store (id, master_key, private_key, certificate_data, cr_by, cr_dtimes, is_deleted)
        VALUES ('1d8f8cd4-5a5e-4b7c-9d7c-0f2a3a1c6e01', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 'd3JhcHBlZA', '-----BEGIN CERTIFICATE-----', 'SYSTEM', '2025-02-01 08:30:00', false);
        """;

    private static async Task<Schema> SchemaAsync(string connection) => new(
        await QueryAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'keymgr' ORDER BY 1"),
        await QueryAsync(
            connection,
            """
            SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
                   || ' ' || is_nullable || ' ' || coalesce(column_default, '-') || ' #' || ordinal_position
            FROM information_schema.columns WHERE table_schema = 'keymgr' ORDER BY table_name, ordinal_position
            """),
        await QueryAsync(
            connection,
            """
            SELECT conrelid::regclass::text || '.' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'keymgr'::regnamespace ORDER BY 1
            """),
        await QueryAsync(connection, "SELECT tablename || '.' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'keymgr' ORDER BY 1"),
        await QueryAsync(connection, "SELECT tgrelid::regclass::text || '.' || tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid::regclass::text LIKE 'keymgr.%' ORDER BY 1"),
        await QueryAsync(connection, "SELECT proname FROM pg_proc WHERE pronamespace = 'keymgr'::regnamespace ORDER BY 1"),
        await QueryAsync(
            connection,
            """
            SELECT row_to_json(p)::text FROM (SELECT * FROM keymgr.key_policy_def ORDER BY app_id) p
            UNION ALL SELECT row_to_json(a)::text FROM (SELECT * FROM keymgr.key_alias ORDER BY id) a
            UNION ALL SELECT row_to_json(s)::text FROM (SELECT * FROM keymgr.key_store ORDER BY id) s
            """));

    private static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.GetString(0).Replace("keymgr.", string.Empty, StringComparison.Ordinal));
        }

        return rows;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private sealed record Schema(
        List<string> Tables, List<string> Columns, List<string> Constraints, List<string> Indexes, List<string> Triggers, List<string> Functions, List<string> Rows)
    {
        public bool Equals(Schema? other) =>
            other is not null && Tables.SequenceEqual(other.Tables) && Columns.SequenceEqual(other.Columns) && Constraints.SequenceEqual(other.Constraints)
            && Indexes.SequenceEqual(other.Indexes) && Triggers.SequenceEqual(other.Triggers) && Functions.SequenceEqual(other.Functions) && Rows.SequenceEqual(other.Rows);

        public override int GetHashCode() => Tables.Count;
    }
}
