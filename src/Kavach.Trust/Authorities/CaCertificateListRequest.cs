namespace Kavach.Trust.Authorities;

/// <summary>The fields of MOSIP's <c>CaCertTypeListRequestDto</c> (spec §2.4), dates already parsed (UTC).</summary>
public sealed record CaCertificateListRequest
{
    /// <summary>
    /// The longest "contains" filter (<see cref="CertId"/>, <see cref="IssuedTo"/>, <see cref="IssuedBy"/>), in
    /// UTF-16 units: the width of the widest column searched (<c>cert_subject</c>, 500), so no longer value could match.
    /// </summary>
    public const int MaxFilterLength = 500;

    /// <summary><c>ROOT</c> or <c>INTERMEDIATE</c> (any case), or blank.</summary>
    public string? CaCertificateType { get; init; }

    /// <summary>An allowed domain, or blank.</summary>
    public string? PartnerDomain { get; init; }

    /// <summary>Leave out the certificates of our own ROOT and PMS keys.</summary>
    public bool ExcludeMosipCa { get; init; }

    /// <summary><c>ASC</c> (default) or <c>DESC</c>.</summary>
    public string? SortOrder { get; init; }

    /// <summary>A MOSIP entity property name; default <c>createdtimes</c>.</summary>
    public string? SortByFieldName { get; init; }

    /// <summary>1-based; below 1 means 1.</summary>
    public int PageNumber { get; init; }

    /// <summary>Below 1 means 10.</summary>
    public int PageSize { get; init; }

    /// <summary>"Contains" filter on the id.</summary>
    public string? CertId { get; init; }

    /// <summary>"Contains" filter on the subject.</summary>
    public string? IssuedTo { get; init; }

    /// <summary>"Contains" filter on the issuer.</summary>
    public string? IssuedBy { get; init; }

    /// <summary>notBefore on the same UTC day.</summary>
    public DateTime? ValidFromDate { get; init; }

    /// <summary>notAfter on the same UTC day.</summary>
    public DateTime? ValidTillDate { get; init; }

    /// <summary>Uploaded on the same UTC day.</summary>
    public DateTime? UploadTime { get; init; }

    /// <summary>notAfter between today and this day.</summary>
    public DateTime? ExpiringWithinDate { get; init; }
}
