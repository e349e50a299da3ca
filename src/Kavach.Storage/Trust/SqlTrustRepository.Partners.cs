using Kavach.Trust.Storage;

namespace Kavach.Storage.Trust;

/// <content>Partner certificates and CRLs.</content>
internal sealed partial class SqlTrustRepository
{
    /// <inheritdoc />
    public Task InsertPartnerCertificateAsync(PartnerCertificateRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var insert = Command(connection, transaction, _sql.InsertPartner);
                AddParameter(insert, "@id", record.CertId);
                AddParameter(insert, "@subject", record.Subject);
                AddParameter(insert, "@issuer", record.Issuer);
                AddParameter(insert, "@issuer_id", record.IssuerId);
                _dialect.AddTimestamp(insert, "@not_before", record.NotBefore);
                _dialect.AddTimestamp(insert, "@not_after", record.NotAfter);
                AddParameter(insert, "@domain", record.PartnerDomain);
                AddParameter(insert, "@data", record.CertificatePem);
                AddParameter(insert, "@signed", record.SignedCertificatePem);
                AddParameter(insert, "@usage", record.KeyUsage);
                AddParameter(insert, "@org", record.OrganizationName);
                AddParameter(insert, "@thumbprint", record.Thumbprint);
                AddParameter(insert, "@serial", record.SerialNumber);
                _dialect.AddTimestamp(insert, "@now", record.UploadedAt);
                AddParameter(insert, "@by", record.UploadedBy);
                await insert.ExecuteNonQueryAsync(ct);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PartnerCertificateRecord?> GetPartnerCertificateAsync(string certId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certId);
        return await ReadAsync(
            _sql.SelectPartnerById,
            command => AddParameter(command, "@id", certId),
            async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct) ? ReadPartner(reader) : null;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PartnerCertificateRecord>> GetPartnerCertificatesAsync(string? domain, CancellationToken cancellationToken) =>
        ReadAsync(
            domain is null ? _sql.SelectPartners : _sql.SelectPartnersOfDomain,
            command =>
            {
                if (domain is not null)
                {
                    AddParameter(command, "@domain", domain);
                }
            },
            async (command, ct) =>
            {
                var rows = new List<PartnerCertificateRecord>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    rows.Add(ReadPartner(reader));
                }

                return (IReadOnlyList<PartnerCertificateRecord>)rows;
            },
            cancellationToken);

    private PartnerCertificateRecord ReadPartner(System.Data.Common.DbDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            _dialect.ReadTimestamp(reader, 4) ?? DateTime.MinValue,
            _dialect.ReadTimestamp(reader, 5) ?? DateTime.MinValue,
            Text(reader, 6),
            Text(reader, 7),
            Text(reader, 8),
            Text(reader, 9),
            Text(reader, 10),
            Text(reader, 11),
            Text(reader, 12),
            _dialect.ReadTimestamp(reader, 13) ?? DateTime.MinValue,
            reader.GetString(14));

    /// <inheritdoc />
    public Task<IReadOnlyList<CrlRecord>> GetCrlsAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            _sql.SelectCrls,
            static _ => { },
            async (command, ct) =>
            {
                var rows = new List<CrlRecord>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    rows.Add(new CrlRecord(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        _dialect.ReadTimestamp(reader, 5) ?? DateTime.MinValue,
                        _dialect.ReadTimestamp(reader, 6),
                        Convert.ToInt32(reader.GetValue(7), System.Globalization.CultureInfo.InvariantCulture),
                        reader.GetString(8),
                        _dialect.ReadTimestamp(reader, 9) ?? DateTime.MinValue,
                        reader.GetString(10)));
                }

                return (IReadOnlyList<CrlRecord>)rows;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> StoreCrlAsync(CrlRecord record, IReadOnlyCollection<string> domains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(domains);
        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var upsert = Command(connection, transaction, _sql.UpsertCrl);
                AddParameter(upsert, "@id", record.CrlId);
                AddParameter(upsert, "@key", record.IssuerKeyHash);
                AddParameter(upsert, "@issuer", record.Issuer);
                AddParameter(upsert, "@issuer_id", record.IssuerCertId);
                AddParameter(upsert, "@number", record.CrlNumber);
                _dialect.AddTimestamp(upsert, "@this_update", record.ThisUpdate);
                _dialect.AddTimestamp(upsert, "@next_update", record.NextUpdate);
                AddParameter(upsert, "@count", record.RevokedCount);
                AddParameter(upsert, "@data", record.CrlPem);
                _dialect.AddTimestamp(upsert, "@now", record.UploadedAt);
                AddParameter(upsert, "@by", record.UploadedBy);
                if (await upsert.ExecuteNonQueryAsync(ct) == 0)
                {
                    return false;
                }

                foreach (var domain in domains)
                {
                    await BumpAsync(connection, transaction, domain, record.UploadedBy, record.UploadedAt, ct);
                }

                return true;
            },
            cancellationToken);
    }
}
