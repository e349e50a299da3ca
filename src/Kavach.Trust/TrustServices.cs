using Kavach.Keys.Signatures;
using Kavach.Trust.Authorities;
using Kavach.Trust.Domains;
using Kavach.Trust.Partners;
using Kavach.Trust.Paths;
using Kavach.Trust.Revocation;
using Kavach.Trust.Storage;
using Microsoft.Extensions.Logging;

namespace Kavach.Trust;

/// <summary>
/// The partner trust store, composed once per process over one repository: CA and partner uploads, downloads,
/// listings, CRLs, and the trust check every other part of Kavach asks ("is this certificate trusted in domain X?").
/// </summary>
public sealed class TrustServices
{
    /// <summary>Composes the services.</summary>
    public TrustServices(ITrustRepository repository, TrustDependencies keys, TrustOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger("Kavach.Trust");
        Options = options;
        Domains = new PartnerDomains(options);
        Paths = new TrustPathService(new DomainTrustCache(repository, time, options.CacheRecheckInterval, logger), time, logger);
        Verifier = new DomainTrustVerifier(Domains, Paths);
        Verification = new TrustVerificationService(Domains, Paths);
        CaCertificates = new CaCertificateUploadService(repository, Domains, Paths, options, time, logger);
        Partners = new PartnerCertificateService(repository, Domains, Paths, CaCertificates, keys, new PartnerResigner(keys.Vault), options, time, logger);
        Queries = new CaCertificateQueryService(repository, Domains, Paths, keys.Ring, keys.Keys, options, time);
        Crls = new CrlUploadService(repository, Domains, Paths, time, logger);
        Inventory = new TrustInventory(repository, Domains, Paths);
    }

    /// <summary>The settings.</summary>
    public TrustOptions Options { get; }

    /// <summary>The allowed partner domains.</summary>
    public PartnerDomains Domains { get; }

    /// <summary>Trust-path checks per domain (cached, invalidated across replicas).</summary>
    public TrustPathService Paths { get; }

    /// <summary>The hook of <c>jwtVerify</c> with validateTrust=true.</summary>
    public ICertificateTrustVerifier Verifier { get; }

    /// <summary><c>verifyCertificateTrust</c>.</summary>
    public TrustVerificationService Verification { get; }

    /// <summary><c>uploadCACertificate</c>.</summary>
    public CaCertificateUploadService CaCertificates { get; }

    /// <summary><c>uploadPartnerCertificate</c>, <c>getPartnerCertificate</c>, <c>getPartnerSignedCertificate</c>.</summary>
    public PartnerCertificateService Partners { get; }

    /// <summary><c>getCaCertificates</c>, <c>getCACertificateTrustPath</c>.</summary>
    public CaCertificateQueryService Queries { get; }

    /// <summary>CRL uploads.</summary>
    public CrlUploadService Crls { get; }

    /// <summary>The trust store with verdicts, for operators.</summary>
    public TrustInventory Inventory { get; }
}
