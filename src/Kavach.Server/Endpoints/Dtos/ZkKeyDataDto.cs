namespace Kavach.Server.Endpoints.Dtos;

/// <summary>One pool key to migrate: <c>keyIndex</c> and <c>encryptedKeyData</c> (base64url RSA-OAEP-SHA256).</summary>
public sealed record ZkKeyDataDto(int? KeyIndex, string? EncryptedKeyData);
