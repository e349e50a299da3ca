namespace Kavach.PartnerChannel.Auditing;

/// <summary>One partner request as the audit sees it. Holds nothing secret: no body, no key material.</summary>
/// <param name="Time">When the request was decided.</param>
/// <param name="RequestId">The request id (trace identifier).</param>
/// <param name="ClientAddress">The remote address, or null when unknown.</param>
/// <param name="PartnerId">The resolved partner, or null when it was not resolved.</param>
/// <param name="TlsCertificateThumbprint">Base64url SHA-256 of the TLS client certificate, or null when there was none.</param>
/// <param name="Operation">Always <see cref="PartnerRequest"/>.</param>
/// <param name="Outcome"><see cref="Success"/> or the error code (<c>KER-PCH-001</c>, ...).</param>
/// <param name="Reason">Short, non-secret reason of a refusal (or null on success).</param>
/// <param name="Status">The HTTP status answered.</param>
public sealed record PartnerChannelAuditEvent(
    DateTimeOffset Time,
    string RequestId,
    string? ClientAddress,
    string? PartnerId,
    string? TlsCertificateThumbprint,
    string Operation,
    string Outcome,
    string? Reason,
    int Status)
{
    /// <summary>The operation of every event.</summary>
    public const string PartnerRequest = "partner.request";

    /// <summary>The outcome of an accepted request.</summary>
    public const string Success = "success";
}
