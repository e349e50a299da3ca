namespace Kavach.Server.Endpoints.Dtos;

/// <summary>One attribute: <c>identifier</c> and <c>value</c>.</summary>
public sealed record ZkDataAttributeDto(string? Identifier, string? Value);
