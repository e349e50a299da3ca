using Kavach.Server.OpenApi;
using System.Text.Json.Serialization;

namespace Kavach.Server.Endpoints.Dtos.Trust;

/// <summary>Request of <c>getCaCertificates</c>: every field optional; dates as <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>.</summary>
public sealed class CaCertTypeListRequestDto
{
    /// <summary><c>ROOT</c> or <c>INTERMEDIATE</c>.</summary>
    [ApiValues("ROOT", "INTERMEDIATE")]
    public string? CaCertificateType { get; set; }

    /// <summary>Only this domain.</summary>
    public string? PartnerDomain { get; set; }

    /// <summary>Leave out the certificates of our ROOT and PMS keys (MOSIP's spelling).</summary>
    [JsonPropertyName("excludeMosipCA")]
    public bool? ExcludeMosipCa { get; set; }

    /// <summary><c>ASC</c> (default) or <c>DESC</c>.</summary>
    [ApiValues("ASC", "DESC")]
    public string? SortOrder { get; set; }

    /// <summary>1-based page; below 1 means 1.</summary>
    public int? PageNumber { get; set; }

    /// <summary>Rows per page; below 1 means 10.</summary>
    public int? PageSize { get; set; }

    /// <summary>"Contains" on the id.</summary>
    public string? CertId { get; set; }

    /// <summary>"Contains" on the subject.</summary>
    public string? IssuedTo { get; set; }

    /// <summary>"Contains" on the issuer.</summary>
    public string? IssuedBy { get; set; }

    /// <summary>notBefore on this day.</summary>
    public string? ValidFromDate { get; set; }

    /// <summary>notAfter on this day.</summary>
    public string? ValidTillDate { get; set; }

    /// <summary>Uploaded on this day.</summary>
    public string? UploadTime { get; set; }

    /// <summary>notAfter between today and this day.</summary>
    public string? ExpiringWithinDate { get; set; }

    /// <summary>A MOSIP entity property name (default <c>createdtimes</c>).</summary>
    public string? SortByFieldName { get; set; }
}
