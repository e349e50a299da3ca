using System.Text.Json.Serialization;

namespace Kavach.Server.Endpoints.Dtos.Trust;

/// <summary>
/// Response of <c>verifyCertificateTrust</c>: MOSIP's <c>status</c>, and — Kavach only, absent when trusted — why not
/// (<c>NO_TRUST_PATH</c>, <c>NOT_TIME_VALID</c>, <c>REVOKED</c>).
/// </summary>
public sealed record CertificateTrustResponseDto(
    bool Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);
