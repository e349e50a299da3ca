namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary><c>GET /access</c>.</summary>
public sealed record AccessResponseDto(IReadOnlyList<ApplicationAccessDto> Applications);
