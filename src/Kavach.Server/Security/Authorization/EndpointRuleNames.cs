using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Kavach.Server.Security.Authorization;

/// <summary>
/// Names an API endpoint the way MOSIP names its role properties: the HTTP method and the route's segments (parameters
/// by name) in lower case, e.g. <c>POST /generateMasterKey/{objectType}</c> → <c>postgeneratemasterkeyobjecttype</c>.
/// </summary>
public static class EndpointRuleNames
{
    private static readonly ConcurrentDictionary<(string Method, string Pattern), string> Cache = new();

    /// <summary>The rule name of <paramref name="method"/> on a route below the API base, e.g. <c>/jwtSign/v2</c>.</summary>
    public static string For(string method, string relativePattern)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(relativePattern);
        return Cache.GetOrAdd((method, relativePattern), static key => Build(key.Method, RoutePatternFactory.Parse(key.Pattern)));
    }

    /// <summary>The rule name of <paramref name="method"/> on <paramref name="pattern"/> (a full pattern under the API base).</summary>
    public static string For(string method, RoutePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pattern);
        return Cache.GetOrAdd((method, pattern.RawText ?? string.Empty), _ => Build(method, pattern));
    }

    private static string Build(string method, RoutePattern pattern)
    {
        var name = new StringBuilder(method.ToLowerInvariant());
        var skip = KavachServer.ApiBase.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        var segments = pattern.PathSegments;
        var start = IsUnderApiBase(segments, skip) ? skip : 0;
        for (var i = start; i < segments.Count; i++)
        {
            foreach (var part in segments[i].Parts)
            {
                name.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart parameter => parameter.Name,
                    _ => string.Empty,
                });
            }
        }

        return name.ToString().ToLowerInvariant();
    }

    private static bool IsUnderApiBase(IReadOnlyList<RoutePatternPathSegment> segments, int count)
    {
        var expected = KavachServer.ApiBase.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Count < count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (segments[i].Parts is not [RoutePatternLiteralPart literal] || !string.Equals(literal.Content, expected[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
