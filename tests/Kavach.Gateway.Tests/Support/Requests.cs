using System.Globalization;
using System.Text;
using System.Text.Json;
using Kavach.PartnerChannel;

namespace Kavach.Gateway.Tests.Support;

/// <summary>Requests partners send, and how the tests read answers.</summary>
internal static class Requests
{
    public const string AuthPath = "/idauthentication/v1/auth/IDA/partner-a/key";

    /// <summary>An IDA-style authentication request (requestTime on <paramref name="time"/>'s clock).</summary>
    public static HttpRequestMessage Auth(TimeProvider time, string transactionId = "1234567890", string path = AuthPath, int padding = 0)
    {
        var requestTime = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var json = $$$"""{"id":"mosip.identity.auth","version":"1.0","requestTime":"{{{requestTime}}}","transactionID":"{{{transactionId}}}","individualId":"2345678901","pad":"{{{new string('x', padding)}}}","request":{"otp":"111111"}}""";
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }

    /// <summary>Sends through the SDK and returns the answer as it came off the wire, whether or not the SDK accepted it.</summary>
    public static async Task<(int Status, string Body)> ViaSdkAsync(HttpClient client, WireTap tap, HttpRequestMessage request)
    {
        try
        {
            using var response = await client.SendAsync(request);
        }
        catch (PartnerChannelException)
        {
            // The SDK refuses an unsigned refusal; the test judges the wire.
        }

        return (tap.LastStatus, tap.LastBody);
    }

    /// <summary>Sends a request as it is, over <paramref name="transport"/>, and returns the raw answer.</summary>
    public static async Task<(int Status, string Body)> RawAsync(HttpMessageHandler transport, HttpRequestMessage request)
    {
        using var client = new HttpClient(transport);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static string ErrorCode(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("errors")[0].GetProperty("errorCode").GetString()!;
    }
}
