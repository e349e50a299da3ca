namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Response of the JWT/JWS signing endpoints.</summary>
public sealed record JwtSignatureResponseDto(string JwtSignedData, string Timestamp);
