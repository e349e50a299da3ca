using System.Text.Json.Nodes;

namespace Kavach.Deployment.Tests.Support;

/// <summary>MOSIP's encrypt and decrypt request bodies, and reading the answer's data.</summary>
internal static class KeyManagerCalls
{
    public const string Plain = "aGVsbG8gZnJvbSB0aGUgcG9k"; // "hello from the pod", base64url

    public static string Body(string data) => new JsonObject
    {
        ["id"] = "string",
        ["version"] = "string",
        ["requesttime"] = "2025-01-01T10:00:00.000Z",
        ["request"] = new JsonObject
        {
            ["applicationId"] = "REGISTRATION",
            ["referenceId"] = "10001_110011",
            ["timeStamp"] = "2025-01-01T10:00:00.000Z",
            ["data"] = data,
        },
    }.ToJsonString();

    public static string Data(string answer)
    {
        var json = JsonNode.Parse(answer)!;
        Assert.True(json["errors"] is null || json["errors"]!.AsArray().Count == 0, answer);
        return json["response"]!["data"]!.GetValue<string>();
    }
}
