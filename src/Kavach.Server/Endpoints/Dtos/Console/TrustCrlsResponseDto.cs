namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary><c>GET /trust/crls</c>.</summary>
public sealed record TrustCrlsResponseDto(IReadOnlyList<TrustCrlDto> Crls);
