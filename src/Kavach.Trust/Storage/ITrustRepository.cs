namespace Kavach.Trust.Storage;

/// <summary>
/// The trust store's tables: <c>ca_cert_store</c>, <c>partner_cert_store</c>, and Kavach's <c>ca_crl_store</c> and
/// <c>trust_domain_state</c>. Every write that changes what a domain trusts increments that domain's version in the
/// same transaction, so every replica can tell with one primary-key read whether its cached view is current.
/// </summary>
public interface ITrustRepository
{
    /// <summary>The domain's version: 0 before anything was stored, then incremented by every change of its CAs or CRLs.</summary>
    Task<long> GetDomainVersionAsync(string domain, CancellationToken cancellationToken);

    /// <summary>Every CA certificate of <paramref name="domain"/>.</summary>
    Task<IReadOnlyList<CaCertificateRecord>> GetCaCertificatesAsync(string domain, CancellationToken cancellationToken);

    /// <summary>The CA certificates, of any domain, whose MOSIP-form subject is <paramref name="subject"/>.</summary>
    Task<IReadOnlyList<CaCertificateRecord>> FindCaCertificatesBySubjectAsync(string subject, CancellationToken cancellationToken);

    /// <summary>One CA certificate by id, or null.</summary>
    Task<CaCertificateRecord?> GetCaCertificateAsync(string certId, CancellationToken cancellationToken);

    /// <summary>True when (thumbprint, domain) is stored.</summary>
    Task<bool> CaCertificateExistsAsync(string thumbprint, string domain, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a CA certificate and increments its domain's version, atomically. False when (thumbprint, domain) is
    /// already stored — the database constraint decides, so two replicas racing store it once.
    /// </summary>
    Task<bool> InsertCaCertificateAsync(CaCertificateRecord record, CancellationToken cancellationToken);

    /// <summary>One page of CA certificates matching <paramref name="query"/>.</summary>
    Task<CaCertificatePage> QueryCaCertificatesAsync(CaCertificateQuery query, CancellationToken cancellationToken);

    /// <summary>Stores a partner certificate (a renewal adds a row; there is no uniqueness, as in MOSIP).</summary>
    Task InsertPartnerCertificateAsync(PartnerCertificateRecord record, CancellationToken cancellationToken);

    /// <summary>One partner certificate by id, or null.</summary>
    Task<PartnerCertificateRecord?> GetPartnerCertificateAsync(string certId, CancellationToken cancellationToken);

    /// <summary>The partner certificates of <paramref name="domain"/> (upper case), or of every domain when null, oldest first.</summary>
    Task<IReadOnlyList<PartnerCertificateRecord>> GetPartnerCertificatesAsync(string? domain, CancellationToken cancellationToken);

    /// <summary>Every stored CRL (one per CA key).</summary>
    Task<IReadOnlyList<CrlRecord>> GetCrlsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the CRL of its issuer key, replacing the stored one unless that one has a later thisUpdate, and increments
    /// the version of every domain in <paramref name="domains"/>, atomically. False when a later CRL is stored.
    /// </summary>
    Task<bool> StoreCrlAsync(CrlRecord record, IReadOnlyCollection<string> domains, CancellationToken cancellationToken);
}
