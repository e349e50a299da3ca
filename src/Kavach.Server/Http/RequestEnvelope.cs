using System.Text.Json;

namespace Kavach.Server.Http;

/// <summary>MOSIP's <c>RequestWrapper</c>: <c>{id, version, requesttime, metadata, request}</c>.</summary>
public sealed class RequestEnvelope<T>
    where T : class
{
    /// <summary>Free text, echoed in the response.</summary>
    public string? Id { get; set; }

    /// <summary>Free text, echoed in the response.</summary>
    public string? Version { get; set; }

    /// <summary>ISO local date-time; a trailing <c>Z</c> is accepted.</summary>
    public string? Requesttime { get; set; }

    /// <summary>Ignored.</summary>
    public JsonElement? Metadata { get; set; }

    /// <summary>The request body proper.</summary>
    public T? Request { get; set; }
}
