using System.Data.Common;
using System.Globalization;
using System.Text;
using Kavach.Trust.Storage;

namespace Kavach.Storage.Trust;

/// <summary>
/// The SQL of <c>getCaCertificates</c>: a WHERE clause made of fixed fragments, one per filter present, every value a
/// parameter; an ORDER BY whose column comes from the <see cref="CaCertificateSortField"/> whitelist. No text of the
/// request ever becomes SQL.
/// </summary>
internal sealed class CaCertificateQuerySql
{
    private readonly List<string> _conditions = [TrustSql.NotDeleted];
    private readonly List<Action<DbCommand>> _bindings = [];
    private readonly SqlDialect _dialect;
    private readonly Action<DbCommand> _pageBindings;

    public CaCertificateQuerySql(SqlDialect dialect, TrustSql sql, CaCertificateQuery query)
    {
        _dialect = dialect;
        Equal("ca_cert_type", "@type", query.CaCertificateType);
        Equal("partner_domain", "@domain", query.PartnerDomain);
        Contains("cert_id", "@cert_id", query.CertIdContains);
        Contains("cert_subject", "@issued_to", query.IssuedToContains);
        Contains("cert_issuer", "@issued_by", query.IssuedByContains);
        Days("cert_not_before", "@valid_from", query.ValidFromDay, query.ValidFromDay);
        Days("cert_not_after", "@valid_till", query.ValidTillDay, query.ValidTillDay);
        Days("cr_dtimes", "@uploaded", query.UploadDay, query.UploadDay);
        if (query.ExpiringUntilDay is { } until)
        {
            Days("cert_not_after", "@expiring", query.ExpiringFromDay ?? until, until);
        }

        Excluded(query.ExcludedThumbprints.ToList());

        var where = string.Join(" AND ", _conditions);
        var direction = query.Descending ? "DESC" : "ASC";

        // NULLs sort as the smallest value on both engines (SQLite's own rule); cert_id breaks ties so pages are stable.
        var nulls = query.Descending ? "NULLS LAST" : "NULLS FIRST";
        Count = $"SELECT COUNT(*) FROM {sql.CaTable} WHERE {where}";
        Page =
            $"SELECT {TrustSql.CaColumns} FROM {sql.CaTable} WHERE {where} " +
            $"ORDER BY {OrderColumn(query.SortField)} {direction} {nulls}, cert_id {dialect.BinaryCollation} {direction} LIMIT @limit OFFSET @offset";
        var limit = query.PageSize;
        var offset = (long)(query.PageNumber - 1) * query.PageSize;
        _pageBindings = command =>
        {
            SqlTrustRepository.AddParameter(command, "@limit", limit);
            SqlTrustRepository.AddParameter(command, "@offset", offset);
        };
    }

    /// <summary>Counts the matching rows.</summary>
    public string Count { get; }

    /// <summary>Reads one page of them.</summary>
    public string Page { get; }

    /// <summary>Binds the filter values (both statements).</summary>
    public void BindFilters(DbCommand command)
    {
        foreach (var bind in _bindings)
        {
            bind(command);
        }
    }

    /// <summary>Binds the filter values and the page bounds (<see cref="Page"/>).</summary>
    public void BindPage(DbCommand command)
    {
        BindFilters(command);
        _pageBindings(command);
    }

    private string OrderColumn(CaCertificateSortField field)
    {
        var c = _dialect.BinaryCollation;
        return field switch
        {
            CaCertificateSortField.CertId => $"cert_id {c}",
            CaCertificateSortField.CertSubject => $"cert_subject {c}",
            CaCertificateSortField.CertIssuer => $"cert_issuer {c}",
            CaCertificateSortField.IssuerId => $"issuer_id {c}",
            CaCertificateSortField.CertNotBefore => "cert_not_before",
            CaCertificateSortField.CertNotAfter => "cert_not_after",
            CaCertificateSortField.CertThumbprint => $"cert_thumbprint {c}",
            CaCertificateSortField.CertSerialNo => $"cert_serial_no {c}",
            CaCertificateSortField.PartnerDomain => $"partner_domain {c}",
            CaCertificateSortField.CaCertificateType => $"ca_cert_type {c}",
            CaCertificateSortField.CreatedBy => $"cr_by {c}",
            CaCertificateSortField.CreatedTimes => "cr_dtimes",
            CaCertificateSortField.UpdatedBy => $"upd_by {c}",
            CaCertificateSortField.UpdatedTimes => "upd_dtimes",
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a sortable field."),
        };
    }

    private void Equal(string column, string parameter, string? value)
    {
        if (value is not null)
        {
            _conditions.Add($"{column} = {parameter}");
            _bindings.Add(command => SqlTrustRepository.AddParameter(command, parameter, value));
        }
    }

    /// <summary>Case-insensitive "contains"; the value's own % and _ match literally.</summary>
    private void Contains(string column, string parameter, string? value)
    {
        if (value is not null)
        {
            var pattern = "%" + value.ToLowerInvariant()
                .Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            _conditions.Add($"LOWER({column}) LIKE {parameter} ESCAPE '\\'");
            _bindings.Add(command => SqlTrustRepository.AddParameter(command, parameter, pattern));
        }
    }

    /// <summary>The column's instant falls on a UTC day in [<paramref name="from"/>, <paramref name="until"/>].</summary>
    private void Days(string column, string parameter, DateOnly? from, DateOnly? until)
    {
        if (from is { } start && until is { } end)
        {
            var lower = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var upper = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            _conditions.Add($"{column} >= {parameter}_from AND {column} < {parameter}_to");
            _bindings.Add(command =>
            {
                _dialect.AddTimestamp(command, parameter + "_from", lower);
                _dialect.AddTimestamp(command, parameter + "_to", upper);
            });
        }
    }

    private void Excluded(IReadOnlyList<string> thumbprints)
    {
        if (thumbprints.Count == 0)
        {
            return;
        }

        var names = new StringBuilder();
        for (var i = 0; i < thumbprints.Count; i++)
        {
            var name = "@excluded" + i.ToString(CultureInfo.InvariantCulture);
            names.Append(i == 0 ? string.Empty : ", ").Append(name);
            var value = thumbprints[i];
            _bindings.Add(command => SqlTrustRepository.AddParameter(command, name, value));
        }

        _conditions.Add($"(cert_thumbprint IS NULL OR cert_thumbprint NOT IN ({names}))");
    }
}
