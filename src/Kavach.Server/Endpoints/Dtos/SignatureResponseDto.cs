namespace Kavach.Server.Endpoints.Dtos;

/// <summary><c>signature</c> and <c>timestamp</c> (legacy /sign and /signV2).</summary>
public sealed record SignatureResponseDto(string Signature, string Timestamp);
