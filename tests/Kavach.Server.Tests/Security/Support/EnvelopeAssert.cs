using System.Text.Json.Nodes;

namespace Kavach.Server.Tests.Security.Support;

/// <summary>Checks that a response body is a well-formed MOSIP envelope.</summary>
public static partial class EnvelopeAssert
{
    /// <summary>True for the one answer that is not an envelope: the audit export's JSON lines (its refusals are envelopes).</summary>
    public static bool IsAuditExport(HttpResponseMessage response, int status) =>
        status == 200 && response.Content.Headers.ContentType?.MediaType == "application/x-ndjson";

    /// <summary>
    /// Null when <paramref name="body"/> is an envelope with <c>responsetime</c>, and either a response or a non-empty
    /// <c>errors</c> list of <c>{errorCode, message}</c> (required when <paramref name="status"/> is not 200);
    /// otherwise what is wrong.
    /// </summary>
    public static string? Problem(int status, string body)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return "not JSON";
        }

        if (node is not JsonObject envelope)
        {
            return "not a JSON object";
        }

        if (envelope["responsetime"] is not JsonValue time || time.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return "no responsetime";
        }

        var errors = envelope["errors"] as JsonArray;
        if (errors is null || errors.Count == 0)
        {
            if (status != 200)
            {
                return $"HTTP {status} without errors";
            }

            return envelope["response"] is null ? "neither response nor errors" : null;
        }

        foreach (var error in errors)
        {
            if (error?["errorCode"] is not JsonValue code || !ErrorCodePattern().IsMatch(code.ToString()) ||
                error["message"] is not JsonValue message || message.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                return "malformed error entry " + error?.ToJsonString();
            }
        }

        return envelope["response"] is null ? null : "errors with a response";
    }

    /// <summary>The first error code, or null.</summary>
    public static string? ErrorCode(string body) => (JsonNode.Parse(body)?["errors"] as JsonArray)?.FirstOrDefault()?["errorCode"]?.GetValue<string>();

    // MOSIP's codes: KER-KMS-005, KER-ATH-401, and the odd ZK-DEC-001.
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z]+(-[A-Z0-9]+)+$")]
    private static partial System.Text.RegularExpressions.Regex ErrorCodePattern();
}
