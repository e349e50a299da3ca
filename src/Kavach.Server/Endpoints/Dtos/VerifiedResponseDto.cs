namespace Kavach.Server.Endpoints.Dtos;

/// <summary><c>{verified}</c>.</summary>
public sealed record VerifiedResponseDto(bool Verified);
