using System.Text.Json;

namespace Kavach.PartnerChannel.Remote;

/// <summary>A MOSIP response envelope: its <c>response</c>, or the first error code when it carries errors.</summary>
internal readonly record struct KavachApiAnswer(JsonElement Response, string? ErrorCode)
{
    public bool IsSuccess => ErrorCode is null;

    /// <summary>A string member of <c>response</c>, or null.</summary>
    public string? GetString(string name) =>
        Response.ValueKind == JsonValueKind.Object && Response.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
