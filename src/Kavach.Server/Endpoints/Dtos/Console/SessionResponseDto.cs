namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary><c>GET /session</c>: who the caller is and what the API lets it do.</summary>
/// <param name="Subject">The authenticated user name.</param>
/// <param name="AuthMethod">How it was authenticated (<c>AdminToken</c>, <c>Bearer</c>, <c>mTLS</c>).</param>
/// <param name="Roles">Its roles.</param>
/// <param name="Applications">The application ids its roles or client are bound to (<c>*</c>: every application).</param>
/// <param name="AllowedRules">Every rule of the role table it passes.</param>
public sealed record SessionResponseDto(string? Subject, string? AuthMethod, IReadOnlyList<string> Roles, IReadOnlyList<string> Applications, IReadOnlyList<string> AllowedRules);
