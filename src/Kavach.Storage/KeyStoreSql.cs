namespace Kavach.Storage;

/// <summary>
/// The key store's statements, written once for both dialects: they differ only in the table prefix
/// (PostgreSQL's schema <c>keymgr</c>) and in how to ask for byte-wise ordering of ids.
/// Every value is a parameter; the only text spliced in is these two constants.
/// </summary>
internal sealed class KeyStoreSql
{
    private const string AliasColumns = "id, app_id, ref_id, key_gen_dtimes, key_expire_dtimes, cert_thumbprint, uni_ident";

    /// <param name="tablePrefix"><c>keymgr.</c> for PostgreSQL, empty for SQLite.</param>
    /// <param name="binaryCollation">
    /// A COLLATE clause giving byte order (PostgreSQL's database collation may ignore dashes or case), or empty
    /// where the default already is byte order (SQLite), so both stores order ties on id the same way.
    /// </param>
    /// <summary><c>keymgr.</c> for PostgreSQL, empty for SQLite.</summary>
    internal string TablePrefix { get; }

    internal KeyStoreSql(string tablePrefix, string binaryCollation)
    {
        var p = tablePrefix;
        var c = binaryCollation;
        TablePrefix = tablePrefix;

        // NULLS FIRST: both engines then agree on where a row without key_gen_dtimes sorts (it reads as MinValue).
        var aliasOrder = $"key_gen_dtimes NULLS FIRST, id {c}";

        Ping = "SELECT 1";
        SelectPolicies =
            $"SELECT app_id, key_validity_duration, pre_expire_days, is_active, access_allowed FROM {p}key_policy_def ORDER BY app_id {c}";
        UpsertPolicy =
            $"""
            INSERT INTO {p}key_policy_def
                (app_id, key_validity_duration, pre_expire_days, is_active, access_allowed, cr_by, cr_dtimes, is_deleted)
            VALUES (@app_id, @validity, @pre_expire, @is_active, @access, @by, @now, FALSE)
            ON CONFLICT (app_id) DO UPDATE SET
                key_validity_duration = excluded.key_validity_duration,
                pre_expire_days = excluded.pre_expire_days,
                is_active = excluded.is_active,
                access_allowed = excluded.access_allowed,
                is_deleted = FALSE,
                del_dtimes = NULL,
                upd_by = @by,
                upd_dtimes = @now
            """;
        SelectAliasesOfPair =
            $"SELECT {AliasColumns} FROM {p}key_alias WHERE app_id = @app_id AND ref_id = @ref_id ORDER BY {aliasOrder}";
        SelectMasterAliases =
            $"SELECT {AliasColumns} FROM {p}key_alias WHERE ref_id = '' ORDER BY app_id {c}, {aliasOrder}";
        SelectAllAliases =
            $"SELECT {AliasColumns} FROM {p}key_alias ORDER BY app_id {c}, ref_id {c}, {aliasOrder}";
        SelectAliasById = $"SELECT {AliasColumns} FROM {p}key_alias WHERE id = @id";
        SelectAliasesByThumbprint =
            $"SELECT {AliasColumns} FROM {p}key_alias WHERE cert_thumbprint = @thumbprint ORDER BY {aliasOrder}";
        SelectStoredKey = $"SELECT id, master_key, private_key, certificate_data FROM {p}key_store WHERE id = @id";
        CountBaseKeysCreatedBy =
            $"SELECT COUNT(*) FROM {p}key_alias WHERE app_id = @app_id AND cr_by = @by AND ref_id <> ''";
        SelectUniqueIdentifierExists = $"SELECT 1 FROM {p}key_alias WHERE uni_ident = @uni_ident LIMIT 1";
        InsertAlias =
            $"""
            INSERT INTO {p}key_alias
                (id, app_id, ref_id, key_gen_dtimes, key_expire_dtimes, cert_thumbprint, uni_ident, cr_by, cr_dtimes, is_deleted)
            VALUES (@id, @app_id, @ref_id, @gen, @expire, @thumbprint, @uni_ident, @by, @now, FALSE)
            """;
        InsertStoredKey =
            $"""
            INSERT INTO {p}key_store (id, master_key, private_key, certificate_data, cr_by, cr_dtimes, is_deleted)
            VALUES (@id, @master_key, @private_key, @certificate, @by, @now, FALSE)
            """;

        // Updates write upd_* and leave cr_* alone (MOSIP overwrote cr_* on every save).
        UpdateAliasExpiry =
            $"UPDATE {p}key_alias SET key_expire_dtimes = @expire, upd_by = @by, upd_dtimes = @now WHERE id = @id";
        UpdateAliasCertificate =
            $"""
            UPDATE {p}key_alias SET
                key_gen_dtimes = @gen, key_expire_dtimes = @expire, cert_thumbprint = @thumbprint, uni_ident = @uni_ident,
                upd_by = @by, upd_dtimes = @now
            WHERE id = @id
            """;
        UpdateStoredCertificate =
            $"UPDATE {p}key_store SET certificate_data = @certificate, upd_by = @by, upd_dtimes = @now WHERE id = @id";
    }

    internal string Ping { get; }

    internal string SelectPolicies { get; }

    internal string UpsertPolicy { get; }

    internal string SelectAliasesOfPair { get; }

    internal string SelectMasterAliases { get; }

    internal string SelectAllAliases { get; }

    internal string SelectAliasById { get; }

    internal string SelectAliasesByThumbprint { get; }

    internal string SelectStoredKey { get; }

    internal string SelectUniqueIdentifierExists { get; }

    internal string CountBaseKeysCreatedBy { get; }

    internal string InsertAlias { get; }

    internal string InsertStoredKey { get; }

    internal string UpdateAliasExpiry { get; }

    internal string UpdateAliasCertificate { get; }

    internal string UpdateStoredCertificate { get; }
}
