namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>revokeKey</c>.</summary>
public sealed class RevokeKeyRequestDto
{
    /// <summary>Application id (required).</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Reference id (required: master keys cannot be revoked this way).</summary>
    public string? ReferenceId { get; set; }

    /// <summary>Accepted and ignored, as in MOSIP.</summary>
    public bool? DisableAutoGen { get; set; }
}
