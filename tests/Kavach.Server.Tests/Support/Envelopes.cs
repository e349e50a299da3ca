using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Kavach.Server.Tests.Support;

/// <summary>Reading MOSIP response envelopes in tests.</summary>
public static class Envelopes
{
    /// <summary>The single error code of an error envelope (asserts there is exactly one and no response).</summary>
    public static string ErrorCode(this JsonNode body)
    {
        Assert.Null(body["response"]);
        var errors = body["errors"]!.AsArray();
        Assert.NotEmpty(errors);
        return errors[0]!["errorCode"]!.GetValue<string>();
    }

    /// <summary>The response object of a success envelope (asserts errors is null).</summary>
    public static JsonNode Response(this JsonNode body)
    {
        Assert.True(body["errors"] is null, $"Expected success, got {body["errors"]?.ToJsonString()}");
        return body["response"]!;
    }

    /// <summary>A string field of the response.</summary>
    public static string Field(this JsonNode body, string name) => body.Response()[name]!.GetValue<string>();

    /// <summary>Parses the response's <c>certificate</c> field.</summary>
    public static X509Certificate2 Certificate(this JsonNode body) => X509Certificate2.CreateFromPem(body.Field("certificate"));
}
