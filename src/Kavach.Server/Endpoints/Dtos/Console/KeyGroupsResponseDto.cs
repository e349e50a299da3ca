namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary><c>GET /keys/groups</c>.</summary>
public sealed record KeyGroupsResponseDto(IReadOnlyList<KeyGroupDto> Groups);
