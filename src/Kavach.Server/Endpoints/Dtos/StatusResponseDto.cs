namespace Kavach.Server.Endpoints.Dtos;

/// <summary>A status text and a timestamp (upload, revoke and symmetric-key responses).</summary>
public sealed record StatusResponseDto(string Status, string Timestamp);
