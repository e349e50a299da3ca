namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Response of <c>/migrateZKKeys</c>: one status per requested key, in order.</summary>
public sealed record ZkKeyMigrateResponseDto(List<ZkKeyResponseDto> ZkEncryptedDataList);
