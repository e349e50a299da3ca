namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary><c>GET /keys</c>: one page and the cursor of the next (<c>after</c>), null on the last page.</summary>
public sealed record KeyListResponseDto(IReadOnlyList<KeyDto> Keys, string? Next);
