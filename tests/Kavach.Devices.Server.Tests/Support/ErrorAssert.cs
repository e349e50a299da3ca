using System.Net;
using System.Text.Json.Nodes;

namespace Kavach.Devices.Server.Tests.Support;

/// <summary>Asserts the device server's one error shape.</summary>
internal static class ErrorAssert
{
    public static async Task CodeAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!;
        Assert.Equal(code, body["errorCode"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["message"]!.GetValue<string>()));
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }
}
