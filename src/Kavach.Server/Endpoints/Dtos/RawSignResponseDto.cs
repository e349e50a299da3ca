namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Response of <c>/signRawData</c> (SignResponseDtoV2).</summary>
public sealed record RawSignResponseDto(string SignedData, string? KeyId, string Certificate, string SignatureAlgorithm, string Timestamp);
