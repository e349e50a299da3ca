namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Response of the legacy <c>/validate</c>.</summary>
public sealed record ValidatorResponseDto(string Status, string Message);
