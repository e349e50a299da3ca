namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>/generateArgon2Hash</c>.</summary>
public sealed class Argon2GenerateHashRequestDto
{
    /// <summary>The text to hash (required).</summary>
    public string? InputData { get; set; }

    /// <summary>Optional base64url salt; generated when absent.</summary>
    public string? Salt { get; set; }
}
