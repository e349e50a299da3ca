namespace Kavach.Server.Endpoints.Dtos.Partners;

/// <summary>Response of <c>GET /partners</c>.</summary>
public sealed record PartnerListResponseDto(IReadOnlyList<PartnerDto> Partners);
