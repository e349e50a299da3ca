namespace Kavach.Storage.Devices;

/// <summary>
/// The device registry's fixed statements (<c>device</c>, <c>device_cert</c>, migration 0009) for one dialect. Every
/// value is a parameter; the only text spliced in is the table prefix and the binary collation.
/// </summary>
internal sealed class DeviceRegistrySql
{
    internal const string DeviceColumns =
        "serial_no, mgmt_id, provider_id, make, model, device_type, device_sub_type, certification, purpose, env, " +
        "ftm_cert_sha256, l0_key_sha256, state, last_seq, last_checkin, fw_version, release_counter, rotation_due, batch_id, upd_dtimes, row_version, " +
        "l0_secret_sha256";

    internal const string CertificateColumns =
        "cert_serial, serial_no, spki_sha256, not_before, not_after, status, revoked_dtimes, revoke_reason, rotation_id, csr_sha256, cert_data";

    public DeviceRegistrySql(string prefix, string binaryCollation)
    {
        var p = prefix;
        Collation = binaryCollation;
        DeviceTable = p + "device";
        SelectDevice = $"SELECT {DeviceColumns} FROM {p}device WHERE serial_no = @serial";
        SelectDeviceByMgmtId = $"SELECT {DeviceColumns} FROM {p}device WHERE mgmt_id = @mgmt_id";

        // ON CONFLICT DO NOTHING: an existing serial is reported by the row count, never by an error that would
        // abort the surrounding transaction on PostgreSQL.
        InsertDevice =
            $"""
            INSERT INTO {p}device ({DeviceColumns})
            VALUES (@serial, @mgmt_id, @provider, @make, @model, @type, @sub_type, @certification, @purpose, @env,
                    @ftm, @l0, @state, @last_seq, @last_checkin, @fw, @release, @rotation_due, @batch, @updated, @version,
                    @l0_secret)
            ON CONFLICT (serial_no) DO NOTHING
            """;

        // The digital-id fields and the provider never change after the whitelist import; an L0 device's anchor
        // changes once, when its first enrolment consumes the one-time secret for the key it enrolled with.
        UpdateDevice =
            $"""
            UPDATE {p}device SET
                mgmt_id = @mgmt_id,
                l0_key_sha256 = @l0,
                l0_secret_sha256 = @l0_secret,
                state = @state,
                last_seq = @last_seq,
                last_checkin = @last_checkin,
                fw_version = @fw,
                release_counter = @release,
                rotation_due = @rotation_due,
                upd_dtimes = @updated,
                row_version = @expected + 1
            WHERE serial_no = @serial AND row_version = @expected
            """;

        // Re-admission by a new whitelist batch (a Quarantined or Deregistered device): the new entry's digital id and
        // FTM certificate, as a fresh device otherwise; only from the state and version the approval read.
        ReadmitDevice =
            $"""
            UPDATE {p}device SET
                mgmt_id = NULL,
                provider_id = @provider,
                make = @make,
                model = @model,
                device_type = @type,
                device_sub_type = @sub_type,
                certification = @certification,
                purpose = @purpose,
                env = @env,
                ftm_cert_sha256 = @ftm,
                l0_key_sha256 = @l0,
                l0_secret_sha256 = @l0_secret,
                state = @state,
                last_seq = 0,
                last_checkin = NULL,
                fw_version = NULL,
                release_counter = 0,
                rotation_due = @rotation_due,
                batch_id = @batch,
                upd_dtimes = @updated,
                row_version = @expected + 1
            WHERE serial_no = @serial AND row_version = @expected AND state = @from
            """;
        RevokeLiveCertificatesOfDevice =
            $"""
            UPDATE {p}device_cert SET status = 'Revoked', revoked_dtimes = @at, revoke_reason = @reason
            WHERE serial_no = @serial AND status IN ('Active', 'Pending')
            """;

        // Bumps the row version too: an update computed from a row read before this check-in must re-read, or it
        // would write the older sequence number back.
        AdvanceSequence =
            $"""
            UPDATE {p}device SET
                last_seq = @seq,
                last_checkin = @at,
                upd_dtimes = @at,
                row_version = row_version + 1
            WHERE serial_no = @serial AND last_seq < @seq
            """;

        // The summary: one GROUP BY over the registry (the console's counts), all devices or one provider's, read from
        // the covering index idx_device_summary (migration 0016).
        const string Counted = "provider_id, make, model, state";
        var order = $"provider_id {binaryCollation}, make {binaryCollation}, model {binaryCollation}, state {binaryCollation}";
        CountDevices = $"SELECT {Counted}, COUNT(*) FROM {p}device GROUP BY {Counted} ORDER BY {order}";
        CountDevicesOfProvider = $"SELECT {Counted}, COUNT(*) FROM {p}device WHERE provider_id = @provider GROUP BY {Counted} ORDER BY {order}";

        // {0} is the list of serial parameters (@s0, @s1, …); one Active certificate per serial (partial unique index).
        SelectActiveExpiries = $"SELECT serial_no, not_after FROM {p}device_cert WHERE status = 'Active' AND serial_no IN ({{0}})";

        InsertCertificate =
            $"""
            INSERT INTO {p}device_cert ({CertificateColumns})
            VALUES (@cert_serial, @serial, @spki, @not_before, @not_after, @status, @revoked_at, @reason, @rotation, @csr, @der)
            ON CONFLICT DO NOTHING
            """;
        SelectCertificate = $"SELECT {CertificateColumns} FROM {p}device_cert WHERE cert_serial = @cert_serial";
        SelectCertificateBySpki = $"SELECT {CertificateColumns} FROM {p}device_cert WHERE spki_sha256 = @spki";
        SelectCertificatesOfDevice =
            $"SELECT {CertificateColumns} FROM {p}device_cert WHERE serial_no = @serial ORDER BY not_before DESC, cert_serial {binaryCollation} DESC";
        ChangeCertificateStatus = $"UPDATE {p}device_cert SET status = @to WHERE cert_serial = @cert_serial AND status = @from";
        RevokeCertificate =
            $"""
            UPDATE {p}device_cert SET status = 'Revoked', revoked_dtimes = @at, revoke_reason = @reason
            WHERE cert_serial = @cert_serial AND status = @from
            """;
        SelectRevoked =
            $"SELECT {CertificateColumns} FROM {p}device_cert WHERE status = 'Revoked' AND not_after > @now ORDER BY cert_serial {binaryCollation}";
        SelectPending =
            $"SELECT {CertificateColumns} FROM {p}device_cert WHERE status = 'Pending' AND not_before < @before ORDER BY not_before, cert_serial {binaryCollation}";
    }

    public string Collation { get; }

    public string DeviceTable { get; }

    public string SelectDevice { get; }

    public string SelectDeviceByMgmtId { get; }

    public string InsertDevice { get; }

    public string UpdateDevice { get; }

    public string AdvanceSequence { get; }

    public string ReadmitDevice { get; }

    public string RevokeLiveCertificatesOfDevice { get; }

    public string CountDevices { get; }

    public string CountDevicesOfProvider { get; }

    public string SelectActiveExpiries { get; }

    public string InsertCertificate { get; }

    public string SelectCertificate { get; }

    public string SelectCertificateBySpki { get; }

    public string SelectCertificatesOfDevice { get; }

    public string ChangeCertificateStatus { get; }

    public string RevokeCertificate { get; }

    public string SelectRevoked { get; }

    public string SelectPending { get; }
}
