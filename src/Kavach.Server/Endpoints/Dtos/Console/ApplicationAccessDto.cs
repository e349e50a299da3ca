namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary>Who may use one application's keys: the roles and clients bound to it, and per key-use rule the bound roles that pass it.</summary>
public sealed record ApplicationAccessDto(string ApplicationId, IReadOnlyList<string> Roles, IReadOnlyList<string> Clients, IReadOnlyList<AccessOperationDto> Operations);
