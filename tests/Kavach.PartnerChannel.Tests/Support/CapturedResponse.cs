using System.Net;
using System.Text.Json;

namespace Kavach.PartnerChannel.Tests.Support;

/// <summary>A response read off the network, which can be turned into a fresh message again (to replay it).</summary>
internal sealed record CapturedResponse(HttpStatusCode Status, IReadOnlyList<KeyValuePair<string, string[]>> Headers, IReadOnlyList<KeyValuePair<string, string[]>> ContentHeaders, byte[] Body)
{
    public static async Task<CapturedResponse> CaptureAsync(HttpResponseMessage response)
    {
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        var captured = new CapturedResponse(
            response.StatusCode,
            [.. response.Headers.Select(h => new KeyValuePair<string, string[]>(h.Key, [.. h.Value]))],
            [.. response.Content.Headers.Select(h => new KeyValuePair<string, string[]>(h.Key, [.. h.Value]))],
            body);
        response.Dispose();
        return captured;
    }

    public bool HasHeader(string name) => Headers.Any(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));

    public HttpResponseMessage ToMessage(Func<string, bool>? keepHeader = null)
    {
        var message = new HttpResponseMessage(Status) { Content = new ByteArrayContent(Body) };
        foreach (KeyValuePair<string, string[]> header in Headers)
        {
            if (keepHeader?.Invoke(header.Key) != false)
            {
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        foreach (KeyValuePair<string, string[]> header in ContentHeaders)
        {
            message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return message;
    }

    /// <summary>The MOSIP error code in the body's envelope.</summary>
    public string? ErrorCode()
    {
        using JsonDocument document = JsonDocument.Parse(Body);
        return document.RootElement.GetProperty("errors")[0].GetProperty("errorCode").GetString();
    }
}
