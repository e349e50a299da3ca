namespace Kavach.Server.Endpoints.Dtos;

/// <summary>The outcome of one pool key: <c>keyIndex</c> and <c>statusMessage</c>.</summary>
public sealed record ZkKeyResponseDto(int? KeyIndex, string StatusMessage);
