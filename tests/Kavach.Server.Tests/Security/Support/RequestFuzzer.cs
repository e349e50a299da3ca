using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Kavach.Server.Tests.Security.Support;

/// <summary>
/// Makes malformed requests, each one reproducible from (seed, index): random JSON, wrong types, huge values, broken
/// base64, truncated ciphertexts, bad JSON text, wrong content types and methods, and invalid tokens.
/// </summary>
public sealed class RequestFuzzer
{
    private static readonly string[] Fields =
    [
        "applicationId", "referenceId", "timeStamp", "data", "salt", "aad", "prependThumbprint", "encData", "enableDefCompression",
        "includeCertificate", "includeCertHash", "jwkSetUrl", "x509Certificate", "userPin", "inputData", "id", "zkDataAttributes",
        "signature", "value", "publicKey", "isTpm", "clientType", "serverProfile", "jwtSignatureData", "actualData", "certificateData",
        "validateTrust", "domain", "force", "commonName", "organization", "country", "dataToSign", "includePayload", "validateJson",
        "b64JWSHeaderParam", "signAlgorithm", "responseEncodingFormat", "partnerDomain", "organizationName", "caCertificateType",
        "pageNumber", "pageSize", "sortByFieldName", "crlData", "additionalHeaders", "certificateUrl", "identifier",
    ];

    private static readonly string[] Applications = ["REGISTRATION", "KERNEL", "ROOT", "PRE_REGISTRATION", "ID_REPO", "RESIDENT", "TOKEN_ISSUER", "PMS", "NO_SUCH_APP", ""];
    private static readonly string[] References = ["", "fuzz-1", "fuzz-2", "SIGN", "EC_SECP256R1_SIGN", "ED25519_SIGN", "IDENTITY_CACHE"];
    private static readonly string[] ContentTypes = ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "application/json; charset=utf-16"];

    private readonly IReadOnlyList<ApiEndpoint> _endpoints;
    private readonly FuzzMaterial _material;
    private readonly int _seed;

    public RequestFuzzer(IReadOnlyList<ApiEndpoint> endpoints, FuzzMaterial material, int seed)
    {
        _endpoints = endpoints;
        _material = material;
        _seed = seed;
    }

    /// <summary>The request number <paramref name="index"/>, and whether its credentials are invalid (so it must be 401).</summary>
    public (HttpRequestMessage Request, string Description, bool MustBe401) Create(int index)
    {
        var rng = new Random(unchecked((_seed * 1_000_003) + index));
        var endpoint = _endpoints[rng.Next(_endpoints.Count)];
        var kind = rng.Next(12);
        var method = endpoint.Method;
        var path = endpoint.Path;
        string? body = null;
        var contentType = "application/json";
        var mustBe401 = false;
        string? token = _material.AdminToken;
        switch (kind)
        {
            case 0:
                body = RandomValue(rng, 0)?.ToJsonString() ?? "null";
                break;
            case 1:
            case 2:
                body = Envelope(rng, WrongTypes(rng));
                break;
            case 3:
                body = Envelope(rng, Plausible(rng));
                break;
            case 4:
                body = BrokenText(rng, Envelope(rng, Plausible(rng)));
                break;
            case 5:
                contentType = ContentTypes[rng.Next(ContentTypes.Length)];
                body = Envelope(rng, Plausible(rng));
                break;
            case 6:
                method = new[] { "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS" }[rng.Next(6)];
                body = method is "GET" or "DELETE" or "OPTIONS" ? null : Envelope(rng, Plausible(rng));
                break;
            case 7:
                (token, var cookie) = BadToken(rng);
                mustBe401 = true;
                body = Envelope(rng, Plausible(rng));
                if (cookie)
                {
                    var request = Build(method, path, body, contentType, null);
                    request.Headers.Add("Cookie", "Authorization=" + token);
                    return (request, $"{endpoint.Key} kind {kind} (cookie)", true);
                }

                break;
            case 8:
                path = FuzzPath(rng, endpoint);
                body = Envelope(rng, Plausible(rng));
                break;
            case 9:
                body = Deep(rng);
                break;
            case 10:
                body = Envelope(rng, Huge(rng));
                break;
            default:
                body = Envelope(rng, Corrupted(rng));
                break;
        }

        if (method is "GET" or "DELETE" or "OPTIONS")
        {
            body = null;
        }

        return (Build(method, path, body, contentType, token), $"{method} {path} kind {kind}", mustBe401);
    }

    private static HttpRequestMessage Build(string method, string path, string? body, string contentType, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return request;
    }

    private static string Envelope(Random rng, JsonNode? request)
    {
        var envelope = new JsonObject
        {
            ["id"] = rng.Next(8) == 0 ? RandomValue(rng, 3) : "fuzz",
            ["version"] = "1.0",
            ["requesttime"] = rng.Next(6) switch
            {
                0 => RandomString(rng, 30),
                1 => JsonValue.Create(rng.Next()),
                2 => null,
                _ => "2025-01-01T10:00:00.000Z",
            },
            ["metadata"] = rng.Next(4) == 0 ? RandomValue(rng, 2) : new JsonObject(),
            ["request"] = request,
        };
        return envelope.ToJsonString();
    }

    private static JsonObject WrongTypes(Random rng)
    {
        var request = new JsonObject();
        foreach (var field in Pick(rng, Fields, rng.Next(1, 6)))
        {
            request[field] = RandomValue(rng, 2);
        }

        return request;
    }

    private JsonObject Plausible(Random rng)
    {
        var request = new JsonObject
        {
            ["applicationId"] = Applications[rng.Next(Applications.Length)],
            ["referenceId"] = References[rng.Next(References.Length)],
        };
        foreach (var field in Pick(rng, Fields, rng.Next(1, 5)))
        {
            request[field] = rng.Next(5) switch
            {
                0 => RandomString(rng, 40),
                1 => JsonValue.Create(rng.Next(2) == 0),
                2 => Material(rng),
                3 => Base64Garbage(rng),
                _ => RandomValue(rng, 1),
            };
        }

        if (rng.Next(3) == 0)
        {
            request["zkDataAttributes"] = new JsonArray(new JsonObject { ["identifier"] = RandomString(rng, 10), ["value"] = Material(rng) });
        }

        // Keep generation cheap: forced key generation is rare.
        request["force"] = rng.Next(20) == 0;
        return request;
    }

    private JsonObject Corrupted(Random rng)
    {
        var request = Plausible(rng);
        foreach (var field in new[] { "data", "encData", "jwtSignatureData", "dataToSign", "certificateData", "salt", "aad", "value", "publicKey", "signature" })
        {
            if (rng.Next(2) == 0)
            {
                request[field] = Mutate(rng, Material(rng));
            }
        }

        return request;
    }

    private static JsonObject Huge(Random rng)
    {
        var request = new JsonObject();
        foreach (var field in Pick(rng, Fields, rng.Next(1, 3)))
        {
            request[field] = rng.Next(4) switch
            {
                0 => new string((char)('A' + rng.Next(26)), rng.Next(10_000, 400_000)),
                1 => JsonValue.Create(double.MaxValue),
                2 => JsonNode.Parse("123456789012345678901234567890123456789"),
                _ => new JsonArray(Enumerable.Range(0, rng.Next(100, 3000)).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
            };
        }

        return request;
    }

    private static string Deep(Random rng)
    {
        var depth = rng.Next(20, 400);
        var open = rng.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var inner = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        return "{\"id\":\"x\",\"requesttime\":\"2025-01-01T10:00:00.000Z\",\"metadata\":" + inner + ",\"request\":{\"applicationId\":\"REGISTRATION\",\"x\":" + inner + "}}";
    }

    private string Material(Random rng) => rng.Next(5) switch
    {
        0 => _material.Envelope,
        1 => _material.Jwe,
        2 => _material.Jws,
        3 => _material.Certificate,
        _ => Convert.ToBase64String(Encoding.UTF8.GetBytes(RandomString(rng, 50))),
    };

    private static string Mutate(Random rng, string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        var chars = value.ToCharArray();
        switch (rng.Next(5))
        {
            case 0:
                return value[..rng.Next(value.Length)];
            case 1:
                const string odd = "!@#$%^&*()+/=_-~ é\u0000";
                chars[rng.Next(chars.Length)] = odd[rng.Next(odd.Length)];
                return new string(chars);
            case 2:
                chars[rng.Next(chars.Length)] = (char)('A' + rng.Next(26));
                return new string(chars);
            case 3:
                return value + value[..rng.Next(value.Length)];
            default:
                var cut = rng.Next(value.Length);
                return value[..cut] + "#KEY_SPLITTER#" + value[cut..];
        }
    }

    private static string Base64Garbage(Random rng)
    {
        var bytes = new byte[rng.Next(0, 600)];
        rng.NextBytes(bytes);
        var text = Convert.ToBase64String(bytes);
        return rng.Next(3) switch
        {
            0 => text,
            1 => text.Replace('+', '-').Replace('/', '_').TrimEnd('='),
            _ => text.Insert(rng.Next(text.Length + 1), "%*"),
        };
    }

    private static string BrokenText(Random rng, string json) => rng.Next(6) switch
    {
        0 => json[..rng.Next(json.Length)],
        1 => json.Replace("\"", string.Empty, StringComparison.Ordinal),
        2 => "\uFEFF" + json + ",",
        3 => json.Insert(rng.Next(json.Length), "/* comment */"),
        4 => Encoding.Latin1.GetString(Enumerable.Range(0, rng.Next(1, 200)).Select(_ => (byte)rng.Next(256)).ToArray()),
        _ => json.Replace(":", "=", StringComparison.Ordinal),
    };

    private (string Token, bool Cookie) BadToken(Random rng)
    {
        var admin = _material.AdminToken;
        var parts = admin.Split('.');
        var token = rng.Next(9) switch
        {
            0 => RandomKey(rng) + "." + RandomKey(rng) + "." + RandomKey(rng),
            1 => TestJwt.Tampered(admin),
            2 => parts[0] + "." + parts[1] + ".",
            3 => TestJwt.Unsigned(TestJwt.Payload(admin)),
            4 => parts[0] + "." + TestJwt.B64(Encoding.UTF8.GetBytes("{\"iss\":\"kavach-local\",\"sub\":\"x\",\"aud\":\"kavach\",\"exp\":9999999999}")) + "." + parts[2],
            5 => new string('a', rng.Next(17_000, 24_000)),
            6 => admin[..rng.Next(1, admin.Length - 1)],
            7 => "e30.e30.e30",
            _ => parts[1] + "." + parts[0] + "." + parts[2],
        };
        return (token, rng.Next(4) == 0);
    }

    // Kept under Kestrel's request-line limit (8 KiB): longer lines are refused by the HTTP layer (414) before Kavach sees them.
    private static string FuzzPath(Random rng, ApiEndpoint endpoint)
    {
        var query = string.Join('&', Enumerable.Range(0, rng.Next(0, 4)).Select(_ =>
            Uri.EscapeDataString(new[] { "applicationId", "referenceId", "encryptedKey", "x" }[rng.Next(4)]) + "=" + Uri.EscapeDataString(RandomString(rng, rng.Next(2) == 0 ? 20 : 150))));
        var route = endpoint.Route;
        foreach (var parameter in new[] { "{objectType}", "{partnerCertId}", "{caCertId}", "{uin}", "{partnercode}" })
        {
            route = route.Replace(parameter, Uri.EscapeDataString(RandomString(rng, 30)) is { Length: > 0 } value ? value : "x", StringComparison.Ordinal);
        }

        return KavachServer.ApiBase + route + (rng.Next(8) == 0 ? "/extra" : string.Empty) + (query.Length > 0 ? "?" + query : string.Empty);
    }

    private static JsonNode? RandomValue(Random rng, int depth) => rng.Next(depth > 3 ? 6 : 9) switch
    {
        0 => RandomString(rng, 30),
        1 => JsonValue.Create(rng.Next(int.MinValue, int.MaxValue)),
        2 => JsonValue.Create(rng.NextDouble() * 1e300),
        3 => JsonValue.Create(rng.Next(2) == 0),
        4 => null,
        5 => JsonValue.Create(string.Empty),
        6 => new JsonArray(Enumerable.Range(0, rng.Next(4)).Select(_ => RandomValue(rng, depth + 1)).ToArray()),
        _ => Object(rng, depth),
    };

    private static JsonObject Object(Random rng, int depth)
    {
        var result = new JsonObject();
        for (var i = rng.Next(4); i > 0; i--)
        {
            result[rng.Next(2) == 0 ? Fields[rng.Next(Fields.Length)] : RandomKey(rng)] = RandomValue(rng, depth + 1);
        }

        return result;
    }

    private static string RandomKey(Random rng) => new(Enumerable.Range(0, rng.Next(1, 9)).Select(_ => "abcdefghijklmnopqrstuvwxyz0123456789"[rng.Next(36)]).ToArray());

    private static string RandomString(Random rng, int maxLength)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_=+/.,:;'\"\\{}[]<>é漢字🔑\t\n";
        var length = rng.Next(maxLength + 1);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var c = alphabet[rng.Next(alphabet.Length)];
            if (char.IsSurrogate(c))
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static IEnumerable<string> Pick(Random rng, string[] from, int count) => Enumerable.Range(0, count).Select(_ => from[rng.Next(from.Length)]).Distinct();
}
