namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary>How often one actor used one key for one operation in the window.</summary>
public sealed record KeyUsageDto(
    string? ApplicationId,
    string? ReferenceId,
    string? KeyRef,
    string? Actor,
    string Operation,
    long Count,
    long Failures,
    string LastUse);
