namespace Kavach.DeviceAgent.Tests.Support;

/// <summary>
/// A man in the middle with the server's own TLS key (the worst case: TLS alone is not what protects the device): every
/// exchange goes to the real server, and the <see cref="Relay"/> rules may hand the device something else instead.
/// </summary>
internal sealed class RelayHandler(HttpMessageHandler inner, Relay rules) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            var sent = await request.Content.ReadAsStringAsync(cancellationToken);
            lock (rules.Sent)
            {
                rules.Sent.Add(sent);
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (rules.Answer is null && rules.BeforeDelivery is null)
        {
            return response;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var delivered = rules.Answer?.Invoke(request.RequestUri!.AbsolutePath, body) ?? body;
        rules.BeforeDelivery?.Invoke();
        var replaced = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(delivered) };
        replaced.Content.Headers.ContentType = response.Content.Headers.ContentType;
        response.Dispose();
        return replaced;
    }
}
