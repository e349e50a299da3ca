namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary>A key-use rule and the roles bound to the application that pass it.</summary>
public sealed record AccessOperationDto(string Rule, IReadOnlyList<string> Roles);
