namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of the legacy <c>/sign</c>.</summary>
public sealed class LegacySignRequestDto
{
    /// <summary>The text to sign (required).</summary>
    public string? Data { get; set; }
}
