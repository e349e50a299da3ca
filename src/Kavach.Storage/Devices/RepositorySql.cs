namespace Kavach.Storage.Devices;

/// <summary>
/// The fixed statements of providers, models and whitelist batches (migration 0009) for one dialect. Every value is a
/// parameter; only the table prefix and the binary collation are spliced in.
/// </summary>
internal sealed class RepositorySql
{
    internal const string ProviderColumns = "provider_id, organization_name, provider_kind, is_active, cr_by, cr_dtimes";

    internal const string ModelColumns =
        "model_id, provider_id, device_type_code, device_sub_type_code, make, model, is_active, COALESCE(upd_by, cr_by), COALESCE(upd_dtimes, cr_dtimes)";

    internal const string BatchColumns =
        "batch_id, provider_id, status, entry_count, batch_sha256, factory_cert_sha256, batch_jws, approval_id, cr_by, cr_dtimes, decided_by, decided_dtimes";

    internal const string EntryColumns =
        "serial_no, make, model, device_type, device_sub_type, certification, purpose, env, ftm_cert_sha256, l0_key_sha256, l0_secret_sha256";

    public RepositorySql(string prefix, string collation)
    {
        var p = prefix;
        Prefix = p;
        Collation = collation;
        InsertProvider =
            $"""
            INSERT INTO {p}device_provider ({ProviderColumns}) VALUES (@id, @org, @kind, @active, @by, @at)
            ON CONFLICT (provider_id) DO NOTHING
            """;
        SelectProvider = $"SELECT {ProviderColumns} FROM {p}device_provider WHERE provider_id = @id";
        SelectProviders = $"SELECT {ProviderColumns} FROM {p}device_provider ORDER BY provider_id {collation}";

        InsertModel =
            $"""
            INSERT INTO {p}device_model (model_id, provider_id, device_type_code, device_sub_type_code, make, model, is_active, cr_by, cr_dtimes)
            VALUES (@id, @provider, @type, @sub_type, @make, @model, @active, @by, @at)
            ON CONFLICT DO NOTHING
            """;
        SelectModel = $"SELECT {ModelColumns} FROM {p}device_model WHERE model_id = @id";
        FindModel = $"SELECT {ModelColumns} FROM {p}device_model WHERE provider_id = @provider AND make = @make AND model = @model";
        SelectModels = $"SELECT {ModelColumns} FROM {p}device_model ORDER BY model_id {collation}";
        SelectModelsOfProvider = $"SELECT {ModelColumns} FROM {p}device_model WHERE provider_id = @provider ORDER BY model_id {collation}";
        SetModelActive =
            $"UPDATE {p}device_model SET is_active = @active, upd_by = @by, upd_dtimes = @at WHERE model_id = @id AND is_active <> @active";

        InsertBatch =
            $"""
            INSERT INTO {p}whitelist_batch ({BatchColumns})
            VALUES (@id, @provider, @status, @count, @sha, @factory, @jws, NULL, @by, @at, NULL, NULL)
            ON CONFLICT (batch_id) DO NOTHING
            """;
        InsertEntry =
            $"""
            INSERT INTO {p}whitelist_entry (batch_id, {EntryColumns})
            VALUES (@batch, @serial, @make, @model, @type, @sub_type, @certification, @purpose, @env, @ftm, @l0, @l0_secret)
            """;
        SelectBatch = $"SELECT {BatchColumns} FROM {p}whitelist_batch WHERE batch_id = @id";
        SelectEntries = $"SELECT {EntryColumns} FROM {p}whitelist_entry WHERE batch_id = @batch ORDER BY serial_no {collation}";
        SetBatchApproval = $"UPDATE {p}whitelist_batch SET approval_id = @approval WHERE batch_id = @id AND approval_id IS NULL";
        DecideBatch =
            $"""
            UPDATE {p}whitelist_batch SET status = @to, decided_by = @by, decided_dtimes = @at
            WHERE batch_id = @id AND status = 'Pending'
            """;
    }

    public string Prefix { get; }

    public string Collation { get; }

    public string InsertProvider { get; }

    public string SelectProvider { get; }

    public string SelectProviders { get; }

    public string InsertModel { get; }

    public string SelectModel { get; }

    public string FindModel { get; }

    public string SelectModels { get; }

    public string SelectModelsOfProvider { get; }

    public string SetModelActive { get; }

    public string InsertBatch { get; }

    public string InsertEntry { get; }

    public string SelectBatch { get; }

    public string SelectEntries { get; }

    public string SetBatchApproval { get; }

    public string DecideBatch { get; }

    /// <summary>Which of <paramref name="count"/> serials (<c>@s0</c>…) are registered or in a Pending batch.</summary>
    public string KnownSerials(int count)
    {
        var list = string.Join(", ", Enumerable.Range(0, count).Select(i => "@s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return
            $"""
            SELECT serial_no FROM {Prefix}device WHERE serial_no IN ({list})
            UNION
            SELECT e.serial_no FROM {Prefix}whitelist_entry e JOIN {Prefix}whitelist_batch b ON b.batch_id = e.batch_id
            WHERE b.status = 'Pending' AND e.serial_no IN ({list})
            """;
    }

    /// <summary>Of <paramref name="count"/> serials (<c>@s0</c>…), the registered ones with their state.</summary>
    public string RegisteredSerialStates(int count) =>
        $"SELECT serial_no, state FROM {Prefix}device WHERE serial_no IN ({SerialList(count)})";

    /// <summary>Of <paramref name="count"/> serials (<c>@s0</c>…), those a Pending batch names.</summary>
    public string PendingBatchSerials(int count) =>
        $"""
        SELECT DISTINCT e.serial_no FROM {Prefix}whitelist_entry e JOIN {Prefix}whitelist_batch b ON b.batch_id = e.batch_id
        WHERE b.status = 'Pending' AND e.serial_no IN ({SerialList(count)})
        """;

    private static string SerialList(int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => "@s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
