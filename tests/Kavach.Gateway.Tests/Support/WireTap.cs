using System.Net.Http.Headers;

namespace Kavach.Gateway.Tests.Support;

/// <summary>Keeps a copy of every request as it goes on the wire (after the SDK signed and encrypted it), for replays.</summary>
internal sealed class WireTap : DelegatingHandler
{
    public List<CapturedRequest> Sent { get; } = [];

    /// <summary>The status of the last response as it came off the wire (before the SDK judged it).</summary>
    public int LastStatus { get; private set; }

    /// <summary>The body of the last response as it came off the wire.</summary>
    public string LastBody { get; private set; } = string.Empty;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Sent.Add(new CapturedRequest(
            request.Method,
            request.RequestUri!,
            [.. request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray()))],
            body,
            request.Content?.Headers.ContentType));
        var response = await base.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        LastStatus = (int)response.StatusCode;
        LastBody = System.Text.Encoding.UTF8.GetString(bytes);

        // The SDK reads the body again.
        var copy = new ByteArrayContent(bytes);
        foreach (var header in response.Content.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = copy;
        return response;
    }
}

/// <summary>A request exactly as sent.</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, IReadOnlyList<KeyValuePair<string, string[]>> Headers, byte[]? Body, MediaTypeHeaderValue? ContentType)
{
    /// <summary>The same bytes again, for a replay (optionally to another address).</summary>
    public HttpRequestMessage Copy(Uri? baseAddress = null)
    {
        var uri = baseAddress is null ? Uri : new Uri(baseAddress, Uri.PathAndQuery);
        var message = new HttpRequestMessage(Method, uri);
        foreach (var (name, values) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, values);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = ContentType;
        }

        return message;
    }
}
