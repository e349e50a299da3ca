using System.Text.Json.Serialization;

namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Response of the ZK endpoints. <c>rankomKeyIndex</c> is MOSIP's spelling and part of the wire format.</summary>
public sealed record ZkCryptoResponseDto(
    IReadOnlyList<ZkDataAttributeDto> ZkDataAttributes,
    string? EncryptedRandomKey,
    [property: JsonPropertyName("rankomKeyIndex")] string? RandomKeyIndex);
