namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>/encrypt</c> and <c>/decrypt</c> (MOSIP's CryptomanagerRequestDto).</summary>
public sealed class CryptomanagerRequestDto
{
    /// <summary>Application id (required).</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Reference id (required to encrypt).</summary>
    public string? ReferenceId { get; set; }

    /// <summary>Required, <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>; its value is not used (as in MOSIP).</summary>
    public string? TimeStamp { get; set; }

    /// <summary>Base64 (URL-safe or standard) data.</summary>
    public string? Data { get; set; }

    /// <summary>Optional base64 salt, used as the GCM IV.</summary>
    public string? Salt { get; set; }

    /// <summary>Optional base64 additional authenticated data.</summary>
    public string? Aad { get; set; }

    /// <summary>Deprecated and ignored, as in MOSIP.</summary>
    public bool? PrependThumbprint { get; set; }
}
