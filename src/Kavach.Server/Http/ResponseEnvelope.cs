using System.Text.Json.Serialization;

namespace Kavach.Server.Http;

/// <summary>MOSIP's <c>ResponseWrapper</c>; every field is always written, null or not.</summary>
public sealed class ResponseEnvelope<T>
{
    /// <summary>Echo of the request's id.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Id { get; set; }

    /// <summary>Echo of the request's version.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Version { get; set; }

    /// <summary>UTC now, <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>.</summary>
    public string Responsetime { get; set; } = string.Empty;

    /// <summary>Always null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Metadata { get; set; }

    /// <summary>The response, null on error.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public T? Response { get; set; }

    /// <summary>The errors, null on success.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IReadOnlyList<ServiceError>? Errors { get; set; }
}
