namespace Kavach.Server.Endpoints.Dtos.Partners;

/// <summary>Request of <c>POST /partners/{partnerId}/renew</c>.</summary>
public sealed class PartnerRenewRequestDto
{
    /// <summary>The partner's TLS certificate signing request, PEM or base64 DER (required; a new key is advised).</summary>
    public string? TlsCsr { get; set; }
}
