using Kavach.Crypto.Jose;
using Kavach.Server.OpenApi;
using System.Text.Json.Serialization;

namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>/jwtSign</c>, <c>/jwsSign</c> and their <c>/v2</c> forms (the union of MOSIP's four DTOs).</summary>
public sealed class SignatureRequestDto
{
    /// <summary>base64url payload (required).</summary>
    public string? DataToSign { get; set; }

    /// <summary>Application id; blank means KERNEL/SIGN.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Reference id.</summary>
    public string? ReferenceId { get; set; }

    /// <summary>Attach the payload.</summary>
    public bool? IncludePayload { get; set; }

    /// <summary>v1: add the certificate as <c>x5c</c>.</summary>
    public bool? IncludeCertificate { get; set; }

    /// <summary>v2: add the certificate chain as <c>x5c</c>.</summary>
    public bool? IncludeCertificateChain { get; set; }

    /// <summary>Add <c>x5t#S256</c>.</summary>
    public bool? IncludeCertHash { get; set; }

    /// <summary>Add <c>x5u</c>.</summary>
    public string? CertificateUrl { get; set; }

    /// <summary>jwsSign: the payload must be JSON (absent means false; MOSIP fails with HTTP 500).</summary>
    public bool? ValidateJson { get; set; }

    /// <summary>jwsSign: standard b64 form when true; RFC 7797 unencoded payload when false (default).</summary>
    [JsonPropertyName("b64JWSHeaderParam")]
    public bool? B64JwsHeaderParam { get; set; }

    /// <summary>jwsSign: RS256, PS256, ES256, ES256K or EdDSA.</summary>
    [ApiValues(typeof(JwsAlgorithm))]
    public string? SignAlgorithm { get; set; }

    /// <summary>v2: extra header members.</summary>
    public Dictionary<string, string>? AdditionalHeaders { get; set; }
}
