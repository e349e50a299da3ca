using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kavach.PartnerChannel.Remote;

/// <summary>
/// Calls the key manager's API in MOSIP's envelope. Error envelopes come back as values; an unreachable server, an
/// HTTP error status or an unreadable answer throw <see cref="KavachApiUnavailableException"/>.
/// </summary>
internal sealed class KavachApiClient(HttpClient http, KavachApiOptions options, TimeProvider time)
{
    private const string ApiBase = "v1/keymanager/";

    public TimeProvider Time => time;

    public Task<KavachApiAnswer> GetAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, pathAndQuery, null, cancellationToken);

    public Task<KavachApiAnswer> PostAsync(string path, JsonObject request, CancellationToken cancellationToken)
    {
        var envelope = new JsonObject
        {
            ["id"] = "kavach.partnerchannel",
            ["version"] = "1.0",
            ["requesttime"] = MosipTimestamp(),
            ["metadata"] = new JsonObject(),
            ["request"] = request,
        };
        return SendAsync(HttpMethod.Post, path, envelope, cancellationToken);
    }

    /// <summary>Now in MOSIP's <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>.</summary>
    public string MosipTimestamp() =>
        time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task<KavachApiAnswer> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(method, new Uri(ApiBase + path, UriKind.Relative));
        if (body is not null)
        {
            message.Content = JsonContent.Create(body);
        }

        if (options.AccessToken is { } token)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token(cancellationToken).ConfigureAwait(false));
        }

        // The operation name only: a query may carry a partner id, which is no secret but has no place in a fault.
        var operation = path.Split('?', '/')[0];
        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new KavachApiUnavailableException($"{operation}: HTTP {(int)response.StatusCode}");
            }

            using var document = await JsonDocument.ParseAsync(
                await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), default, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var code = errors[0].TryGetProperty("errorCode", out var c) ? c.GetString() : null;
                return new KavachApiAnswer(default, code ?? "UNKNOWN");
            }

            return root.TryGetProperty("response", out var payload) && payload.ValueKind == JsonValueKind.Object
                ? new KavachApiAnswer(payload.Clone(), null)
                : throw new KavachApiUnavailableException($"{operation}: answer without response");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new KavachApiUnavailableException($"{operation}: unreachable or unreadable", e);
        }
    }
}
