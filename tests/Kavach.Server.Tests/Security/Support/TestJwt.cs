using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Kavach.Server.Tests.Security.Support;

/// <summary>Builds compact JWS tokens by hand, so tests control every byte (and can break any of them).</summary>
public static class TestJwt
{
    /// <summary>base64url without padding.</summary>
    public static string B64(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Signs <paramref name="payload"/> with RS256 under <paramref name="kid"/>; the header's <c>typ</c> is <paramref name="typ"/> (none when null).</summary>
    public static string SignRs256(RSA key, string? kid, JsonObject payload, string? typ = "JWT")
    {
        var header = new JsonObject { ["alg"] = "RS256" };
        if (typ is not null)
        {
            header["typ"] = typ;
        }

        if (kid is not null)
        {
            header["kid"] = kid;
        }

        var input = B64(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + B64(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + B64(signature);
    }

    /// <summary>An unsigned token (<c>alg: none</c>).</summary>
    public static string Unsigned(JsonObject payload) =>
        B64(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"JWT\"}")) + "." + B64(Encoding.UTF8.GetBytes(payload.ToJsonString())) + ".";

    /// <summary>The token with one bit of its signature flipped.</summary>
    public static string Tampered(string token)
    {
        var parts = token.Split('.');
        var signature = Convert.FromBase64String(parts[2].Replace('-', '+').Replace('_', '/').PadRight((parts[2].Length + 3) / 4 * 4, '='));
        signature[signature.Length / 2] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + B64(signature);
    }

    /// <summary>The token with its payload replaced (signature kept): a forged claim set.</summary>
    public static string WithPayload(string token, JsonObject payload)
    {
        var parts = token.Split('.');
        return parts[0] + "." + B64(Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2];
    }

    /// <summary>The payload of a compact token.</summary>
    public static JsonObject Payload(string token)
    {
        var part = token.Split('.')[1];
        return JsonNode.Parse(Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight((part.Length + 3) / 4 * 4, '=')))!.AsObject();
    }

    /// <summary>The header of a compact token.</summary>
    public static JsonObject Header(string token)
    {
        var part = token.Split('.')[0];
        return JsonNode.Parse(Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight((part.Length + 3) / 4 * 4, '=')))!.AsObject();
    }
}
