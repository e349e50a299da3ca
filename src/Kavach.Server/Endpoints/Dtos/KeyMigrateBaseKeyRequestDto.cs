namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>/migrateBaseKey</c> (MOSIP's KeyMigrateBaseKeyRequestDto).</summary>
public sealed class KeyMigrateBaseKeyRequestDto
{
    /// <summary>Application id (required).</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Reference id (required).</summary>
    public string? ReferenceId { get; set; }

    /// <summary>The private key wrapped for this key manager's current master key of the application (spec §3.4).</summary>
    public string? EncryptedKeyData { get; set; }

    /// <summary>The key's PEM certificate.</summary>
    public string? CertificateData { get; set; }

    /// <summary>Start of validity, <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c> (required).</summary>
    public string? NotBefore { get; set; }

    /// <summary>End of validity, <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c> (required).</summary>
    public string? NotAfter { get; set; }
}
