namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Response of <c>/zkReEncryptRandomKey</c>.</summary>
public sealed record ReEncryptRandomKeyResponseDto(string EncryptedKey);
