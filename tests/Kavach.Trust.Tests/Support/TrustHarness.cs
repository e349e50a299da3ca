using Microsoft.Extensions.Time.Testing;
using Kavach.Testing;
using Kavach.Trust.Authorities;
using Kavach.Trust.Domains;
using Kavach.Trust.Paths;
using Kavach.Trust.Revocation;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Trust.Tests.Support;

/// <summary>The trust services that need no key manager, over one repository, as one replica would compose them.</summary>
public sealed class TrustHarness
{
    public TrustHarness(InMemoryTrustRepository? repository = null, FakeTimeProvider? time = null, TrustOptions? options = null)
    {
        Repository = repository ?? new InMemoryTrustRepository();
        Time = time ?? new FakeTimeProvider(TestPki.Now);
        Options = options ?? new TrustOptions();
        var logger = NullLogger.Instance;
        Domains = new PartnerDomains(Options);
        Paths = new TrustPathService(new DomainTrustCache(Repository, Time, Options.CacheRecheckInterval, logger), Time, logger);
        Verifier = new DomainTrustVerifier(Domains, Paths);
        Verification = new TrustVerificationService(Domains, Paths);
        CaUploads = new CaCertificateUploadService(Repository, Domains, Paths, Options, Time, logger);
        Crls = new CrlUploadService(Repository, Domains, Paths, Time, logger);
        Inventory = new TrustInventory(Repository, Domains, Paths);
    }

    public InMemoryTrustRepository Repository { get; }

    public FakeTimeProvider Time { get; }

    public TrustOptions Options { get; }

    public PartnerDomains Domains { get; }

    public TrustPathService Paths { get; }

    public DomainTrustVerifier Verifier { get; }

    public TrustVerificationService Verification { get; }

    public CaCertificateUploadService CaUploads { get; }

    public CrlUploadService Crls { get; }

    public TrustInventory Inventory { get; }

    /// <summary>Another replica on the same database: its own caches, same repository and clock.</summary>
    public TrustHarness Replica() => new(Repository, Time, Options);
}
