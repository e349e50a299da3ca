namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Response of <c>/generateArgon2Hash</c>.</summary>
public sealed record Argon2GenerateHashResponseDto(string HashValue, string Salt);
