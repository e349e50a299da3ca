using Kavach.Server.Audit;

namespace Kavach.Server.Http;

/// <summary>The filters every MOSIP-envelope endpoint runs behind, applied once to the API route group.</summary>
public static class EnvelopeFilters
{
    /// <summary>
    /// Adds, outermost first: the envelope's rejection (415, 413, malformed JSON, no <c>request</c>, bad
    /// <c>requesttime</c>), the audit hook before the handler (503 when the record cannot be written), and 503 while the
    /// key manager is not ready. Client mistakes in the envelope are answered as such whatever the server's state.
    /// </summary>
    public static RouteGroupBuilder AddEnvelopeFilters(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter<RouteGroupBuilder, EnvelopeRejectionFilter>();
        group.AddEndpointFilter<RouteGroupBuilder, RequestAuditFilter>();
        group.AddEndpointFilter<RouteGroupBuilder, NotReadyFilter>();
        return group;
    }
}
