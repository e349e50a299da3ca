namespace Kavach.Server.Endpoints.Dtos;

/// <summary><c>{value}</c>.</summary>
public sealed record ValueResponseDto(string Value);
