using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Kavach.Crypto;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Server.Tests.Security.Support;

/// <summary>One request of the systematic fuzz, what it is, and whether the answer must carry an error code.</summary>
public sealed record ShapeCase(string Method, string Path, string? Body, string Description, bool RequireError);

/// <summary>
/// Generates, for every endpoint, the shapes that crashed the server before, systematically rather than at random:
/// each member of the request DTO (read from the endpoint's metadata) missing, null and of the wrong type; invalid
/// UTF-8, lone surrogates and non-JSON in every JOSE header part a member can carry; 50,000-character LIKE-hostile
/// values in every text member (the getCaCertificates filters among them); and for GET endpoints each query and route
/// value empty, long (inside Kestrel's request-line limit), LIKE-hostile, invalid UTF-8, or (query) holding U+0000.
/// </summary>
public static class ShapeFuzzer
{
    private const string ApiBase = KavachServer.ApiBase;

    // Members whose value may be a compact JWS/JWE (or a base64url payload parsed as JSON).
    private static readonly HashSet<string> JoseMembers = new(StringComparer.Ordinal)
    {
        "encData", "jwtSignatureData", "dataToSign", "data", "actualData", "value", "signature", "inputData",
    };

    private static readonly string[] LongValues = [string.Concat(Enumerable.Repeat("%_\\[", 12_500)), new string('a', 50_000)];

    /// <summary>Every case for the endpoints <paramref name="services"/> maps.</summary>
    public static IReadOnlyList<ShapeCase> All(IServiceProvider services, FuzzMaterial material)
    {
        var cases = new List<ShapeCase>();
        foreach (var (endpoint, requestType) in Endpoints(services))
        {
            var path = new ApiEndpoint(endpoint.Method, endpoint.Route).Path;
            if (requestType is null)
            {
                cases.AddRange(QueryCases(endpoint));
                continue;
            }

            var members = Members(requestType);
            var key = $"{endpoint.Method} {endpoint.Route}";
            cases.Add(new(endpoint.Method, path, Wrap(null), $"{key}: request null", true));
            cases.Add(new(endpoint.Method, path, Wrap(new JsonArray()), $"{key}: request an array", true));
            cases.Add(new(endpoint.Method, path, Wrap(new JsonObject()), $"{key}: request empty", false));
            foreach (var (name, type) in members)
            {
                var missing = Plausible(members, material);
                missing.Remove(name);
                cases.Add(new(endpoint.Method, path, Wrap(missing), $"{key}: {name} missing", false));

                var nulled = Plausible(members, material);
                nulled[name] = null;
                cases.Add(new(endpoint.Method, path, Wrap(nulled), $"{key}: {name} null", false));

                foreach (var wrong in WrongTypes(type))
                {
                    var typed = Plausible(members, material);
                    typed[name] = wrong;
                    cases.Add(new(endpoint.Method, path, Wrap(typed), $"{key}: {name} as {wrong?.GetValueKind()}", true));
                }

                if (type != typeof(string))
                {
                    continue;
                }

                foreach (var (value, i) in LongValues.Select((v, i) => (v, i)))
                {
                    var longValue = Plausible(members, material);
                    longValue[name] = value;
                    cases.Add(new(endpoint.Method, path, Wrap(longValue), $"{key}: {name} of 50,000 characters ({i})", false));
                }

                var nul = Plausible(members, material);
                nul[name] = "a\u0000b";
                cases.Add(new(endpoint.Method, path, Wrap(nul), $"{key}: {name} with U+0000", false));

                if (JoseMembers.Contains(name))
                {
                    foreach (var (value, what) in HostileJose(material))
                    {
                        var hostile = Plausible(members, material);
                        hostile[name] = value;
                        cases.Add(new(endpoint.Method, path, Wrap(hostile), $"{key}: {name} {what}", false));
                    }
                }
            }

            if (members.Any(m => m.Name == "zkDataAttributes"))
            {
                foreach (var (value, what) in HostileJose(material))
                {
                    var zk = Plausible(members, material);
                    zk["zkDataAttributes"] = new JsonArray(new JsonObject { ["identifier"] = "fullName", ["value"] = value });
                    cases.Add(new(endpoint.Method, path, Wrap(zk), $"{key}: zkDataAttributes[0].value {what}", false));
                }

                foreach (var element in new JsonNode?[] { null, JsonValue.Create(1), new JsonObject(), new JsonObject { ["identifier"] = 1 } })
                {
                    var zk = Plausible(members, material);
                    zk["zkDataAttributes"] = new JsonArray(element);
                    cases.Add(new(endpoint.Method, path, Wrap(zk), $"{key}: zkDataAttributes[0] = {element?.ToJsonString() ?? "null"}", element is JsonValue || element is JsonObject { Count: 1 }));
                }
            }
        }

        return cases;
    }

    /// <summary>JOSE-shaped values whose header (or payload) is not UTF-8 JSON, and their bare base64url forms.</summary>
    public static IEnumerable<(string Value, string What)> HostileJose(FuzzMaterial material)
    {
        var jwe = material.Jwe.Split('.');
        var jws = material.Jws.Split('.');
        foreach (var (header, i) in HostileHeaders().Select((h, i) => (h, i)))
        {
            yield return (header + "." + string.Join('.', jwe[1..]), $"JWE with hostile header {i}");
            yield return (header + "." + string.Join('.', jws[1..]), $"JWS with hostile header {i}");
            yield return (jws[0] + "." + header + "." + jws[2], $"JWS with hostile payload {i}");
            yield return (header, $"bare hostile bytes {i}");
        }
    }

    /// <summary>Header parts that are not UTF-8 JSON objects: invalid bytes in a value or a name, escaped lone surrogates, non-JSON.</summary>
    public static IEnumerable<string> HostileHeaders()
    {
        yield return Base64Url.Encode([.. "{\"alg\":\"RS256\",\"kid\":\""u8, 0xFF, 0xFE, 0xC3, .. "\"}"u8]);
        yield return Base64Url.Encode([.. "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"x5t#S256\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8]);
        yield return Base64Url.Encode([.. "{\""u8, 0xC0, 0xAF, .. "\":1,\"alg\":\"RS256\"}"u8]);
        yield return Base64Url.Encode([0xFF, 0xFE, 0x00, 0x7B]);
        yield return Base64Url.Encode("not json at all"u8.ToArray());
        yield return Base64Url.Encode("[1,2]"u8.ToArray());
        yield return Base64Url.Encode("{\"alg\":\"RS256\",\"kid\":\"\\uD800\",\"x5c\":[\"\\uDFFF\"]}"u8.ToArray());
        yield return Base64Url.Encode("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"\\uDC00\"}"u8.ToArray());
        yield return Base64Url.Encode("{\"\\uDC00\":1,\"alg\":\"RS256\"}"u8.ToArray());
    }

    private static IEnumerable<ShapeCase> QueryCases(ApiEndpoint endpoint)
    {
        var key = $"{endpoint.Method} {endpoint.Route}";
        var parameters = new[] { "applicationId", "referenceId", "encryptedKey" };
        // Long values stay inside Kestrel's request line (8 KiB): longer lines are refused before Kavach (docs/compatibility.md).
        var values = new[] { string.Empty, "a%00b", Uri.EscapeDataString(new string('%', 600)) + new string('a', 2_000), Uri.EscapeDataString("%_\\") };
        foreach (var parameter in parameters)
        {
            foreach (var value in values)
            {
                var query = string.Join('&', parameters.Select(p => p == parameter ? $"{p}={value}" : $"{p}=REGISTRATION"));
                yield return new(endpoint.Method, new ApiEndpoint(endpoint.Method, endpoint.Route).Path + "?" + query, null, $"{key}: {parameter}={Short(value)}", false);
            }
        }

        if (endpoint.Route.Contains('{', StringComparison.Ordinal))
        {
            // Kestrel itself refuses %00 in a path (bare 400), so it is not sent here.
            foreach (var value in new[] { new string('x', 3_000), "%25_%5C", "%C3%28", "%ED%A0%80", "%09%0A" })
            {
                var route = System.Text.RegularExpressions.Regex.Replace(endpoint.Route, "\\{[^}]+\\}", value);
                yield return new(endpoint.Method, ApiBase + route, null, $"{key}: route values {Short(value)}", false);
            }
        }
    }

    private static string Short(string value) => value.Length <= 20 ? value : $"{value[..10]}… ({value.Length})";

    private static IEnumerable<(ApiEndpoint Endpoint, Type? RequestType)> Endpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(ApiBase, StringComparison.OrdinalIgnoreCase) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (
                new ApiEndpoint(m, e.RoutePattern.RawText![ApiBase.Length..]),
                e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { IsGenericType: true } envelope ? envelope.GetGenericArguments()[0] : null)))
            .OrderBy(e => e.Item1.Key, StringComparer.Ordinal)
            .ToList();

    private static List<(string Name, Type Type)> Members(Type dto) =>
        dto.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType))
            .ToList();

    private static JsonObject Plausible(List<(string Name, Type Type)> members, FuzzMaterial material)
    {
        var request = new JsonObject();
        foreach (var (name, type) in members)
        {
            request[name] = type == typeof(string) ? PlausibleText(name, material)
                : type == typeof(bool) ? JsonValue.Create(name != "force")
                : type == typeof(int) || type == typeof(long) ? JsonValue.Create(1)
                : name == "zkDataAttributes" ? new JsonArray(new JsonObject { ["identifier"] = "fullName", ["value"] = "ZnV6eg" })
                : name == "additionalHeaders" ? new JsonObject { ["x-fuzz"] = "1" }
                : null;
        }

        return request;
    }

    private static string PlausibleText(string name, FuzzMaterial material) => name switch
    {
        "applicationId" => "REGISTRATION",
        "referenceId" => "fuzz-1",
        "timeStamp" => "2025-01-01T10:00:00.000Z",
        "encData" => material.Jwe,
        "jwtSignatureData" => material.Jws,
        "certificateData" or "x509Certificate" => material.Certificate,
        "partnerDomain" => "AUTH",
        "userPin" => "1234",
        "id" => "123456789012",
        "caCertificateType" => "ROOT",
        "sortOrder" => "ASC",
        "sortByFieldName" => "certId",
        "signAlgorithm" => "RS256",
        "responseEncodingFormat" => "base64url",
        "clientType" => "LOCAL",
        "validFromDate" or "validTillDate" or "uploadTime" or "expiringWithinDate" => "2025-01-01T10:00:00.000Z",
        "data" => material.Envelope,
        _ => "eyJhIjoxfQ",
    };

    private static IEnumerable<JsonNode?> WrongTypes(Type type)
    {
        if (type == typeof(string))
        {
            yield return JsonValue.Create(12345);
            yield return new JsonObject { ["a"] = 1 };
            yield return new JsonArray("x");
        }
        else if (type == typeof(bool) || type == typeof(int) || type == typeof(long))
        {
            yield return JsonValue.Create("not-a-" + type.Name);
            yield return new JsonArray(1);
        }
        else
        {
            yield return JsonValue.Create("not-an-object");
            yield return JsonValue.Create(7);
        }
    }

    private static string Wrap(JsonNode? request) => new JsonObject
    {
        ["id"] = "fuzz",
        ["version"] = "1.0",
        ["requesttime"] = "2025-01-01T10:00:00.000Z",
        ["metadata"] = new JsonObject(),
        ["request"] = request,
    }.ToJsonString();
}
