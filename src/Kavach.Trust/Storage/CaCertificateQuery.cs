namespace Kavach.Trust.Storage;

/// <summary>The filters, sort and page of <c>getCaCertificates</c> (spec §6.4), already validated.</summary>
public sealed record CaCertificateQuery
{
    /// <summary>Exact <c>ca_cert_type</c>, or null.</summary>
    public string? CaCertificateType { get; init; }

    /// <summary>Exact domain (upper case), or null.</summary>
    public string? PartnerDomain { get; init; }

    /// <summary>Case-insensitive "contains" on <c>cert_id</c>.</summary>
    public string? CertIdContains { get; init; }

    /// <summary>Case-insensitive "contains" on the subject.</summary>
    public string? IssuedToContains { get; init; }

    /// <summary>Case-insensitive "contains" on the issuer.</summary>
    public string? IssuedByContains { get; init; }

    /// <summary>notBefore falls on this UTC day.</summary>
    public DateOnly? ValidFromDay { get; init; }

    /// <summary>notAfter falls on this UTC day.</summary>
    public DateOnly? ValidTillDay { get; init; }

    /// <summary>The upload (<c>cr_dtimes</c>) falls on this UTC day.</summary>
    public DateOnly? UploadDay { get; init; }

    /// <summary>With <see cref="ExpiringUntilDay"/>: notAfter falls on a day in [from, until].</summary>
    public DateOnly? ExpiringFromDay { get; init; }

    /// <summary>The last day of the expiry window.</summary>
    public DateOnly? ExpiringUntilDay { get; init; }

    /// <summary>Thumbprints to leave out (our own ROOT and PMS certificates when <c>excludeMosipCA</c>).</summary>
    public IReadOnlyCollection<string> ExcludedThumbprints { get; init; } = [];

    /// <summary>The sort column.</summary>
    public CaCertificateSortField SortField { get; init; } = CaCertificateSortField.CreatedTimes;

    /// <summary>Descending instead of ascending.</summary>
    public bool Descending { get; init; }

    /// <summary>1-based page number.</summary>
    public int PageNumber { get; init; } = 1;

    /// <summary>Rows per page.</summary>
    public int PageSize { get; init; } = 10;
}
