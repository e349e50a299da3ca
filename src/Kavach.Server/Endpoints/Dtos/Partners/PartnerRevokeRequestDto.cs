namespace Kavach.Server.Endpoints.Dtos.Partners;

/// <summary>Request of <c>POST /partners/{partnerId}/revoke</c>.</summary>
public sealed class PartnerRevokeRequestDto
{
    /// <summary>Why the partner is revoked (recorded; at most 256 characters).</summary>
    public string? Reason { get; set; }
}
