namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>/jwtEncrypt</c> (MOSIP's JWTEncryptRequestDto).</summary>
public sealed class JwtEncryptRequestDto
{
    /// <summary>Application id (unless a certificate is given).</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Reference id.</summary>
    public string? ReferenceId { get; set; }

    /// <summary>base64url JSON, or a compact JWS sent as is (required).</summary>
    public string? Data { get; set; }

    /// <summary>DEFLATE the payload (<c>zip: DEF</c>); default true.</summary>
    public bool? EnableDefCompression { get; set; }

    /// <summary>Add <c>x5c</c>.</summary>
    public bool? IncludeCertificate { get; set; }

    /// <summary>Add <c>x5t#S256</c>.</summary>
    public bool? IncludeCertHash { get; set; }

    /// <summary>Add <c>jku</c>.</summary>
    public string? JwkSetUrl { get; set; }

    /// <summary>A PEM certificate to encrypt for instead of (appId, refId).</summary>
    public string? X509Certificate { get; set; }
}
