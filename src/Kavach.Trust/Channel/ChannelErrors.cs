using Kavach.Keys.Errors;

namespace Kavach.Trust.Channel;

/// <summary>
/// Kavach's codes for the partner channel (seed 000), which MOSIP does not have (<c>KER-PCH</c>). Every refusal of a
/// partner request — TLS, signature, trust, revocation, time window, replay, decryption — is the one
/// <see cref="RequestRefused"/>, so a caller learns nothing about which check failed; the detail goes to the audit
/// record and a debug log.
/// </summary>
public static class ChannelErrors
{
    /// <summary>The one answer to a partner request that fails any check.</summary>
    public static readonly KavachError RequestRefused = new("KER-PCH-001", "Partner request refused.");

    /// <summary>The request body is larger than the channel accepts.</summary>
    public static readonly KavachError BodyTooLarge = new("KER-PCH-002", "Request body too large.");

    /// <summary>The keys, the trust store or the database are not available: nothing is accepted until they are.</summary>
    public static readonly KavachError NotAvailable = new("KER-PCH-003", "Partner channel not available.");

    /// <summary>The protected service did not answer (gateway).</summary>
    public static readonly KavachError BackendUnavailable = new("KER-PCH-004", "Protected service not available.");

    /// <summary>Onboarding: no partner with this id.</summary>
    public static readonly KavachError PartnerNotFound = new("KER-PCH-010", "Partner not found.");

    /// <summary>Onboarding: the partner id is taken (renew instead).</summary>
    public static readonly KavachError PartnerExists = new("KER-PCH-011", "Partner already onboarded.");

    /// <summary>Onboarding: the TLS CSR does not parse, its self-signature fails, or its key is weak.</summary>
    public static readonly KavachError InvalidCsr = new("KER-PCH-012", "Invalid TLS certificate signing request.");

    /// <summary>Onboarding: the partner was revoked; a revoked partner is onboarded again under a new id.</summary>
    public static readonly KavachError PartnerRevoked = new("KER-PCH-013", "Partner is revoked.");

    /// <summary>Onboarding: partner id, organisation or domain missing or malformed.</summary>
    public static readonly KavachError InvalidPartner = new("KER-PCH-014", "Invalid partner id, organisation or domain.");

    /// <summary>Onboarding: the partner's signature or encryption certificate does not chain to the CA uploaded with it.</summary>
    public static readonly KavachError NotIssuedByPartnerCa = new("KER-PCH-015", "Partner certificate does not chain to the partner CA.");

    /// <summary>Onboarding: our signature or encryption key for the application is not available.</summary>
    public static readonly KavachError ServerKeyNotAvailable = new("KER-PCH-016", "Server signature or encryption key not available for the application.");
}
