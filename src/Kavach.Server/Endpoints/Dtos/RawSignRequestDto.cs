using Kavach.Server.OpenApi;

namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>/signV2</c> and <c>/signRawData</c> (SignRequestDtoV2).</summary>
public sealed class RawSignRequestDto
{
    /// <summary>base64url bytes to sign (required).</summary>
    public string? DataToSign { get; set; }

    /// <summary>Application id; blank means KERNEL/SIGN.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Reference id.</summary>
    public string? ReferenceId { get; set; }

    /// <summary><c>base64url</c> or <c>base58btc</c> (default).</summary>
    [ApiValues("base58btc", "base64url")]
    public string? ResponseEncodingFormat { get; set; }

    /// <summary>Algorithm; default the key's (PS256 for RSA).</summary>
    public string? SignAlgorithm { get; set; }
}
