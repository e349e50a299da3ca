namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>/jwtDecrypt</c>.</summary>
public sealed class JwtDecryptRequestDto
{
    /// <summary>Application id (required).</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Reference id (required).</summary>
    public string? ReferenceId { get; set; }

    /// <summary>The compact JWE (required).</summary>
    public string? EncData { get; set; }
}
