namespace Kavach.Hosting.Web.Authentication;

/// <summary>The HTTP client that fetches OIDC discovery documents and JWKS (10 s timeout, 1 MiB responses, no redirects).</summary>
public sealed class OidcBackchannel : IDisposable
{
    /// <summary>Wraps <paramref name="client"/>; replace the registration to point it elsewhere in tests.</summary>
    public OidcBackchannel(HttpClient client) => Client = client;

    /// <summary>The client.</summary>
    public HttpClient Client { get; }

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
