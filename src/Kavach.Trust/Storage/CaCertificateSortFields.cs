namespace Kavach.Trust.Storage;

/// <summary>Maps MOSIP's <c>sortByFieldName</c> (a JPA property name) onto the whitelist; nothing else reaches SQL.</summary>
public static class CaCertificateSortFields
{
    private static readonly Dictionary<string, CaCertificateSortField> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["certId"] = CaCertificateSortField.CertId,
        ["certSubject"] = CaCertificateSortField.CertSubject,
        ["certIssuer"] = CaCertificateSortField.CertIssuer,
        ["issuerId"] = CaCertificateSortField.IssuerId,
        ["certNotBefore"] = CaCertificateSortField.CertNotBefore,
        ["certNotAfter"] = CaCertificateSortField.CertNotAfter,
        ["certThumbprint"] = CaCertificateSortField.CertThumbprint,
        ["certSerialNo"] = CaCertificateSortField.CertSerialNo,
        ["partnerDomain"] = CaCertificateSortField.PartnerDomain,
        ["caCertificateType"] = CaCertificateSortField.CaCertificateType,
        ["createdBy"] = CaCertificateSortField.CreatedBy,
        ["createdtimes"] = CaCertificateSortField.CreatedTimes,
        ["updatedBy"] = CaCertificateSortField.UpdatedBy,
        ["updatedtimes"] = CaCertificateSortField.UpdatedTimes,
    };

    /// <summary>The names accepted, for error messages and documentation.</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    /// <summary>The field named <paramref name="name"/> (case-insensitive); blank means MOSIP's default, <c>createdtimes</c>.</summary>
    public static bool TryParse(string? name, out CaCertificateSortField field)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            field = CaCertificateSortField.CreatedTimes;
            return true;
        }

        return ByName.TryGetValue(name.Trim(), out field);
    }
}
