namespace Kavach.Cli.Commands;

/// <summary>One line of <c>kavach keys list</c>.</summary>
public sealed record KeyRow(string AppId, string RefId, string Alias, DateTime GeneratedAt, DateTime ExpiresAt, string? Thumbprint, string Status);
