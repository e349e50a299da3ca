using System.Text.Json.Serialization;

namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary>The keys of one application (<see cref="ReferenceCount"/> set) or of one reference id (<see cref="ReferenceId"/> set), by state.</summary>
public sealed record KeyGroupDto(
    string ApplicationId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReferenceId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ReferenceCount,
    long KeyCount,
    long Active,
    long Expired,
    long Revoked,
    string? NextExpiry,
    string? MasterAlias);
