namespace Kavach.Storage.Devices;

/// <summary>The statements of the update tables (migration 0012) for one dialect; every value is a parameter, only the table prefix is spliced in.</summary>
internal sealed class DeviceUpdatesSql
{
    public const string ReleaseColumns =
        "release_counter, firmware_version, hardware_ids, certification, min_release_counter, expires_at, document, document_sha256, " +
        "sw_binary_hash, sw_version, sw_cr_dtimes, sw_expiry_dtimes, cr_by, cr_dtimes";

    public const string RolloutColumns =
        "rollout_id, release_counter, hardware_id, group_percents, success_threshold, error_threshold, state, current_group, cr_by, cr_dtimes, " +
        "approval_id, approved_by, upd_dtimes, row_version";

    public DeviceUpdatesSql(string p)
    {
        InsertTrust =
            $"""
            INSERT INTO {p}device_update_trust (version, expires_at, document, cr_by, cr_dtimes)
            VALUES (@version, @expires, @document, @by, @at)
            ON CONFLICT (version) DO NOTHING
            """;
        SelectLatestTrust = $"SELECT version, expires_at, document, cr_by, cr_dtimes FROM {p}device_update_trust ORDER BY version DESC LIMIT 1";
        InsertRelease =
            $"""
            INSERT INTO {p}device_release ({ReleaseColumns})
            VALUES (@counter, @firmware, @hardware, @certification, @minimum, @expires, @document, @sha256, @sw_hash, @sw_version, @sw_created, @sw_expiry, @by, @at)
            ON CONFLICT (release_counter) DO NOTHING
            """;
        SelectRelease = $"SELECT {ReleaseColumns} FROM {p}device_release WHERE release_counter = @counter";
        SelectReleases = $"SELECT {ReleaseColumns} FROM {p}device_release ORDER BY release_counter DESC";
        UpdateSbi =
            $"""
            UPDATE {p}device_release SET sw_binary_hash = @sw_hash, sw_version = @sw_version, sw_cr_dtimes = @sw_created, sw_expiry_dtimes = @sw_expiry
            WHERE release_counter = @counter
            """;

        // A refresh signed earlier (a slow replica) never replaces a later one.
        UpsertTimestamp =
            $"""
            INSERT INTO {p}device_release_timestamp AS t (release_counter, document, expires_at, signed_dtimes)
            VALUES (@counter, @document, @expires, @signed)
            ON CONFLICT (release_counter) DO UPDATE SET document = excluded.document, expires_at = excluded.expires_at, signed_dtimes = excluded.signed_dtimes
            WHERE t.signed_dtimes < excluded.signed_dtimes
            """;
        SelectTimestamp = $"SELECT release_counter, document, expires_at, signed_dtimes FROM {p}device_release_timestamp WHERE release_counter = @counter";
        InsertArtifact =
            $"""
            INSERT INTO {p}device_update_artifact (sha256, length, name, cr_by, cr_dtimes) VALUES (@sha256, @length, @name, @by, @at)
            ON CONFLICT (sha256) DO NOTHING
            """;
        SelectArtifact = $"SELECT sha256, length, name, cr_by, cr_dtimes FROM {p}device_update_artifact WHERE sha256 = @sha256";
        InsertRollout =
            $"""
            INSERT INTO {p}device_rollout ({RolloutColumns})
            VALUES (@id, @counter, @hardware, @groups, @success, @error, @state, @group, @by, @at, @approval, @approved_by, @updated, 0)
            ON CONFLICT (rollout_id) DO NOTHING
            """;
        SelectRollout = $"SELECT {RolloutColumns} FROM {p}device_rollout WHERE rollout_id = @id";
        SelectRollouts = $"SELECT {RolloutColumns} FROM {p}device_rollout ORDER BY cr_dtimes DESC, rollout_id";
        UpdateRollout =
            $"""
            UPDATE {p}device_rollout SET state = @state, current_group = @group, approval_id = @approval, approved_by = @approved_by,
                upd_dtimes = @updated, row_version = row_version + 1
            WHERE rollout_id = @id AND row_version = @expected
            """;
        InsertMember =
            $"""
            INSERT INTO {p}device_rollout_member (rollout_id, serial_no, group_index, status, upd_dtimes)
            VALUES (@id, @serial, @group, @status, @updated)
            """;
        SelectMemberships = $"SELECT rollout_id, serial_no, group_index, status, upd_dtimes FROM {p}device_rollout_member WHERE serial_no = @serial";
        UpdateMemberStatus =
            $"""
            UPDATE {p}device_rollout_member SET status = @to, upd_dtimes = @updated
            WHERE rollout_id = @id AND serial_no = @serial AND status = @from
            """;
        CountGroups =
            $"""
            SELECT group_index, status, COUNT(*) FROM {p}device_rollout_member WHERE rollout_id = @id
            GROUP BY group_index, status ORDER BY group_index
            """;
    }

    public string InsertTrust { get; }

    public string SelectLatestTrust { get; }

    public string InsertRelease { get; }

    public string SelectRelease { get; }

    public string SelectReleases { get; }

    public string UpdateSbi { get; }

    public string UpsertTimestamp { get; }

    public string SelectTimestamp { get; }

    public string InsertArtifact { get; }

    public string SelectArtifact { get; }

    public string InsertRollout { get; }

    public string SelectRollout { get; }

    public string SelectRollouts { get; }

    public string UpdateRollout { get; }

    public string InsertMember { get; }

    public string SelectMemberships { get; }

    public string UpdateMemberStatus { get; }

    public string CountGroups { get; }
}
