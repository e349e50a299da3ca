namespace Kavach.PartnerChannel.Tests.Support;

/// <summary>
/// Sits between the SDK handler and the transport, so a test can play the network attacker: change the request after it
/// was signed, drop or swap responses.
/// </summary>
internal sealed class InterceptingHandler(Func<HttpRequestMessage, Func<HttpRequestMessage, Task<HttpResponseMessage>>, Task<HttpResponseMessage>> intercept) : DelegatingHandler
{
    /// <summary>The last response from the network, as it arrived (before the SDK checked it).</summary>
    public CapturedResponse? LastResponse { get; private set; }

    public static InterceptingHandler Passive() => new((request, send) => send(request));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await intercept(request, async r =>
        {
            HttpResponseMessage sent = await base.SendAsync(r, cancellationToken);
            CapturedResponse captured = await CapturedResponse.CaptureAsync(sent);
            LastResponse = captured;
            return captured.ToMessage();
        });
        return response;
    }
}
