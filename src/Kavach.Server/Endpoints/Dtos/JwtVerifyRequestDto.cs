namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>/jwtVerify</c> and <c>/jwtVerify/v2</c>.</summary>
public sealed class JwtVerifyRequestDto
{
    /// <summary>The compact JWS (required).</summary>
    public string? JwtSignatureData { get; set; }

    /// <summary>Replaces the payload part (detached tokens).</summary>
    public string? ActualData { get; set; }

    /// <summary>Application id of our key to verify with; blank means KERNEL/SIGN.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Reference id.</summary>
    public string? ReferenceId { get; set; }

    /// <summary>PEM certificate to verify with.</summary>
    public string? CertificateData { get; set; }

    /// <summary>Check the certificate's trust path in <see cref="Domain"/>.</summary>
    public bool? ValidateTrust { get; set; }

    /// <summary>Partner domain for the trust check.</summary>
    public string? Domain { get; set; }
}
