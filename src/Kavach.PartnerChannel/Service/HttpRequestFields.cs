using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Kavach.PartnerChannel.Service;

/// <summary>What the verifiers read from an ASP.NET Core request.</summary>
internal static class HttpRequestFields
{
    /// <summary>A header's lines combined with <c>", "</c>, each trimmed; null when absent.</summary>
    public static string? Field(IHeaderDictionary headers, string name)
    {
        if (!headers.TryGetValue(name, out StringValues values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count == 1)
        {
            return values[0]?.Trim();
        }

        var trimmed = new string[values.Count];
        for (int i = 0; i < trimmed.Length; i++)
        {
            trimmed[i] = values[i]?.Trim() ?? string.Empty;
        }

        return string.Join(", ", trimmed);
    }

    /// <summary>
    /// The URI the partner called: scheme, <c>Host</c> as sent, and the request target exactly as sent (not the
    /// decoded path ASP.NET Core exposes), so percent-encoding survives.
    /// </summary>
    public static string TargetUri(HttpContext context)
    {
        HttpRequest request = context.Request;
        string? rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget) || rawTarget[0] != '/')
        {
            rawTarget = string.Concat(request.PathBase.ToUriComponent(), request.Path.ToUriComponent(), request.QueryString.ToUriComponent());
        }

        return string.Concat(request.Scheme, "://", request.Host.Value, rawTarget);
    }
}
