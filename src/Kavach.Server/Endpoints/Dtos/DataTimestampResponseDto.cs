namespace Kavach.Server.Endpoints.Dtos;

/// <summary><c>data</c> and <c>timestamp</c> (JWTCipherResponseDto).</summary>
public sealed record DataTimestampResponseDto(string Data, string Timestamp);
