using Kavach.Server.Composition;

namespace Kavach.Server.Http;

/// <summary>What an endpoint handler gets: the HTTP context, the runtime's services, the parsed request and the token.</summary>
public sealed record EndpointCall<TRequest>(HttpContext Context, KavachRuntime Runtime, TRequest Request, CancellationToken CancellationToken)
{
    /// <summary>The authenticated caller's user name.</summary>
    public string? UserName => Context.User.Identity?.Name;

    /// <summary>The response time in MOSIP's format.</summary>
    public string Now => Envelope.Now(Context);
}
