namespace Kavach.Server.Endpoints.Dtos;

/// <summary>A response carrying only <c>data</c> (encrypt, decrypt, PIN encryption).</summary>
public sealed record DataResponseDto(string Data);
