namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of the legacy <c>/validate</c> (TimestampRequestDto).</summary>
public sealed class LegacyValidateRequestDto
{
    /// <summary>The signature from <c>/sign</c> (required).</summary>
    public string? Signature { get; set; }

    /// <summary>The signed text (required).</summary>
    public string? Data { get; set; }

    /// <summary>Required, <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>.</summary>
    public string? Timestamp { get; set; }
}
