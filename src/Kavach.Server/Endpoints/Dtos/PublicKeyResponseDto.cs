namespace Kavach.Server.Endpoints.Dtos;

/// <summary><c>{publicKey}</c>.</summary>
public sealed record PublicKeyResponseDto(string PublicKey);
