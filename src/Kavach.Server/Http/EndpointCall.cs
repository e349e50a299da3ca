using Kavach.Keys.Access;
using Kavach.Server.Composition;
using Kavach.Server.Security;

namespace Kavach.Server.Http;

/// <summary>What an endpoint handler gets: the HTTP context, the runtime's services, the parsed request and the token.</summary>
public sealed record EndpointCall<TRequest>(HttpContext Context, KavachRuntime Runtime, TRequest Request, CancellationToken CancellationToken)
{
    /// <summary>The authenticated caller's user name.</summary>
    public string? UserName => Context.User.Identity?.Name;

    /// <summary>The authenticated caller, as the key services see it (user name, roles, client id).</summary>
    public Caller Caller => Callers.Of(Context.User);

    /// <summary>The response time in MOSIP's format.</summary>
    public string Now => Envelope.Now(Context);
}
