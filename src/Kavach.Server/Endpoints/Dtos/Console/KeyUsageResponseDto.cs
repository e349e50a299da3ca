namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary><c>GET /keys/usage</c>: key use in [<see cref="From"/>, <see cref="To"/>), most used first.</summary>
public sealed record KeyUsageResponseDto(string From, string To, IReadOnlyList<KeyUsageDto> Usage);
