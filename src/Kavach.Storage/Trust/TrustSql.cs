namespace Kavach.Storage.Trust;

/// <summary>
/// The trust repository's fixed statements for one dialect. Every value is a parameter; the only text spliced in
/// is the table prefix.
/// </summary>
internal sealed class TrustSql
{
    /// <summary>The <c>ca_cert_store</c> columns read into a record, in <see cref="SqlTrustRepository"/>'s order.</summary>
    internal const string CaColumns =
        "cert_id, cert_subject, cert_issuer, issuer_id, cert_not_before, cert_not_after, cert_data, cert_thumbprint, cert_serial_no, partner_domain, ca_cert_type, cr_dtimes, cr_by";

    /// <summary>Rows not soft-deleted (MOSIP's <c>is_deleted</c>); a deleted CA is not trusted.</summary>
    internal const string NotDeleted = "COALESCE(is_deleted, FALSE) = FALSE";

    private const string PartnerColumns =
        "cert_id, cert_subject, cert_issuer, issuer_id, cert_not_before, cert_not_after, partner_domain, cert_data, signed_cert_data, key_usage, organization_name, cert_thumbprint, cert_serial_no, cr_dtimes, cr_by";

    private const string CrlColumns =
        "crl_id, issuer_key_hash, crl_issuer, issuer_cert_id, crl_number, this_update, next_update, revoked_count, crl_data, cr_dtimes, cr_by";

    public TrustSql(string prefix)
    {
        var p = prefix;
        CaTable = $"{p}ca_cert_store";
        SelectDomainVersion = $"SELECT version FROM {p}trust_domain_state WHERE partner_domain = @domain";
        BumpDomainVersion =
            $"""
            INSERT INTO {p}trust_domain_state AS s (partner_domain, version, cr_by, cr_dtimes)
            VALUES (@domain, 1, @by, @now)
            ON CONFLICT (partner_domain) DO UPDATE SET version = s.version + 1, upd_by = @by, upd_dtimes = @now
            """;
        SelectCaOfDomain = $"SELECT {CaColumns} FROM {p}ca_cert_store WHERE partner_domain = @domain AND {NotDeleted}";
        SelectCaBySubject = $"SELECT {CaColumns} FROM {p}ca_cert_store WHERE cert_subject = @subject AND {NotDeleted}";
        SelectCaById = $"SELECT {CaColumns} FROM {p}ca_cert_store WHERE cert_id = @id AND {NotDeleted}";
        SelectCaExists = $"SELECT 1 FROM {p}ca_cert_store WHERE cert_thumbprint = @thumbprint AND partner_domain = @domain LIMIT 1";

        // The (thumbprint, domain) constraint, not the caller's check, decides when two uploads race.
        InsertCa =
            $"""
            INSERT INTO {p}ca_cert_store
                ({CaColumns}, is_deleted)
            VALUES (@id, @subject, @issuer, @issuer_id, @not_before, @not_after, @data, @thumbprint, @serial, @domain, @type, @now, @by, FALSE)
            ON CONFLICT (cert_thumbprint, partner_domain) DO NOTHING
            """;
        InsertPartner =
            $"""
            INSERT INTO {p}partner_cert_store ({PartnerColumns}, is_deleted)
            VALUES (@id, @subject, @issuer, @issuer_id, @not_before, @not_after, @domain, @data, @signed, @usage, @org, @thumbprint, @serial, @now, @by, FALSE)
            """;
        SelectPartnerById = $"SELECT {PartnerColumns} FROM {p}partner_cert_store WHERE cert_id = @id AND {NotDeleted}";
        SelectPartners = $"SELECT {PartnerColumns} FROM {p}partner_cert_store WHERE {NotDeleted} ORDER BY cr_dtimes, cert_id";
        SelectPartnersOfDomain =
            $"SELECT {PartnerColumns} FROM {p}partner_cert_store WHERE partner_domain = @domain AND {NotDeleted} ORDER BY cr_dtimes, cert_id";
        SelectCrls = $"SELECT {CrlColumns} FROM {p}ca_crl_store WHERE {NotDeleted}";

        // Replaces the key's CRL unless the stored one is newer (no roll-back), atomically: 0 rows means "older".
        UpsertCrl =
            $"""
            INSERT INTO {p}ca_crl_store AS s ({CrlColumns}, is_deleted)
            VALUES (@id, @key, @issuer, @issuer_id, @number, @this_update, @next_update, @count, @data, @now, @by, FALSE)
            ON CONFLICT (issuer_key_hash) DO UPDATE SET
                crl_id = excluded.crl_id,
                crl_issuer = excluded.crl_issuer,
                issuer_cert_id = excluded.issuer_cert_id,
                crl_number = excluded.crl_number,
                this_update = excluded.this_update,
                next_update = excluded.next_update,
                revoked_count = excluded.revoked_count,
                crl_data = excluded.crl_data,
                is_deleted = FALSE,
                upd_by = excluded.cr_by,
                upd_dtimes = excluded.cr_dtimes
            WHERE excluded.this_update >= s.this_update
            """;
    }

    public string CaTable { get; }

    public string SelectDomainVersion { get; }

    public string BumpDomainVersion { get; }

    public string SelectCaOfDomain { get; }

    public string SelectCaBySubject { get; }

    public string SelectCaById { get; }

    public string SelectCaExists { get; }

    public string InsertCa { get; }

    public string InsertPartner { get; }

    public string SelectPartnerById { get; }

    /// <summary>Every partner certificate, oldest first.</summary>
    public string SelectPartners { get; }

    /// <summary>The partner certificates of one domain, oldest first.</summary>
    public string SelectPartnersOfDomain { get; }

    public string SelectCrls { get; }

    public string UpsertCrl { get; }
}
