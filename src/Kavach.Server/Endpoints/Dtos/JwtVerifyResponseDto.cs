namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Response of <c>/jwtVerify</c>.</summary>
public sealed record JwtVerifyResponseDto(bool SignatureValid, string Message, string TrustValid);
