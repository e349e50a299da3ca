namespace Kavach.Storage.Trust;

/// <summary>
/// The partner channel's fixed statements (<c>channel_partner</c>, <c>channel_replay</c>) for one dialect. Every value
/// is a parameter; the only text spliced in is the table prefix.
/// </summary>
internal sealed class ChannelSql
{
    private const string PartnerColumns =
        "partner_id, organization_name, partner_domain, app_id, sign_cert_data, enc_cert_data, sign_cert_id, enc_cert_id, tls_serial, tls_not_after, " +
        "prev_tls_serial, prev_tls_not_after, status, revoke_reason, cr_by, cr_dtimes, upd_by, upd_dtimes, revoked_dtimes";

    public ChannelSql(string prefix)
    {
        var p = prefix;
        InsertPartner =
            $"""
            INSERT INTO {p}channel_partner ({PartnerColumns})
            VALUES (@id, @org, @domain, @app, @sign, @enc, @sign_id, @enc_id, @serial, @not_after, NULL, NULL, @status, NULL, @by, @now, NULL, NULL, NULL)
            ON CONFLICT (partner_id) DO NOTHING
            """;
        SelectPartner = $"SELECT {PartnerColumns} FROM {p}channel_partner WHERE partner_id = @id";
        SelectPartners = $"SELECT {PartnerColumns} FROM {p}channel_partner ORDER BY partner_id";

        // The previous serial is the one being replaced, read in the same statement, so two renewals racing on two
        // replicas each keep a serial that really was current.
        RenewPartner =
            $"""
            UPDATE {p}channel_partner SET
                prev_tls_serial = tls_serial,
                prev_tls_not_after = tls_not_after,
                tls_serial = @serial,
                tls_not_after = @not_after,
                upd_by = @by,
                upd_dtimes = @now
            WHERE partner_id = @id AND status = @active
            """;
        RevokePartner =
            $"""
            UPDATE {p}channel_partner SET
                status = @revoked,
                revoke_reason = @reason,
                revoked_dtimes = @now,
                upd_by = @by,
                upd_dtimes = @now
            WHERE partner_id = @id AND status = @active
            """;

        // New key: inserted. Known key whose entry expired: taken over. Known live key: no row changes (a replay).
        RecordReplay =
            $"""
            INSERT INTO {p}channel_replay AS r (replay_key, expires_at) VALUES (@key, @expires)
            ON CONFLICT (replay_key) DO UPDATE SET expires_at = excluded.expires_at
            WHERE r.expires_at <= @now
            """;
        PurgeReplay = $"DELETE FROM {p}channel_replay WHERE expires_at <= @now";
    }

    public string InsertPartner { get; }

    public string SelectPartner { get; }

    public string SelectPartners { get; }

    public string RenewPartner { get; }

    public string RevokePartner { get; }

    public string RecordReplay { get; }

    public string PurgeReplay { get; }
}
