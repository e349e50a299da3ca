using Kavach.Hosting.Configuration;
using Kavach.Hosting.Tokens;
using Kavach.Keys.Access;
using Kavach.Keys.Audit;
using Kavach.Keys.Caching;
using Kavach.Keys.ClientCrypto;
using Kavach.Keys.DataProtection;
using Kavach.Keys.Errors;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Signatures;
using Kavach.Keys.Storage;
using Kavach.Keys.TokenIds;
using Kavach.Keys.Vault;
using Kavach.Keys.ZeroKnowledge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kavach.Server.Tests.Support;

/// <summary>A running server's services by name, so tests read like what they check.</summary>
public sealed class ServerServices(IServiceProvider services)
{
    private T Get<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>Service.</summary>
    public JweService Jwe => Get<JweService>();

    /// <summary>Service.</summary>
    public PinCryptoService Pins => Get<PinCryptoService>();

    /// <summary>Service.</summary>
    public Argon2HashService Argon2 => Get<Argon2HashService>();

    /// <summary>Service.</summary>
    public JwtSignatureService JwtSignatures => Get<JwtSignatureService>();

    /// <summary>Service.</summary>
    public RawSignatureService RawSignatures => Get<RawSignatureService>();

    /// <summary>Service.</summary>
    public JwtVerificationService JwtVerifications => Get<JwtVerificationService>();

    /// <summary>Service.</summary>
    public Kavach.Trust.TrustServices Trust => Get<Kavach.Trust.TrustServices>();

    public Kavach.Trust.Channel.PartnerTlsAuthority PartnerTls => Get<Kavach.Trust.Channel.PartnerTlsAuthority>();

    /// <summary>Service.</summary>
    public VaultHealthGate VaultGate => Get<VaultHealthGate>();

    /// <summary>Service.</summary>
    public PrivateKeyCache PrivateKeys => Get<PrivateKeyCache>();

    /// <summary>Service.</summary>
    public KeyAccessPolicy Access => Get<KeyAccessPolicy>();

    /// <summary>Service.</summary>
    public SessionKeyDecryptor SessionKeys => Get<SessionKeyDecryptor>();

    /// <summary>Service.</summary>
    public EnvelopeService Envelopes => Get<EnvelopeService>();

    /// <summary>Service.</summary>
    public IKeyStore Store => Get<IKeyStore>();

    /// <summary>Service.</summary>
    public IKeyVault Vault => Get<IKeyVault>();

    /// <summary>Service.</summary>
    public KavachOptions Options => Get<IOptions<KavachOptions>>().Value;

    /// <summary>Service.</summary>
    public KeyPolicyCatalog Policies => Get<KeyPolicyCatalog>();

    /// <summary>Service.</summary>
    public KeyRing Ring => Get<KeyRing>();

    /// <summary>Service.</summary>
    public MasterKeyService MasterKeys => Get<MasterKeyService>();

    /// <summary>Service.</summary>
    public CertificateService Certificates => Get<CertificateService>();

    /// <summary>Service.</summary>
    public CertificateUploadService Uploads => Get<CertificateUploadService>();

    /// <summary>Service.</summary>
    public KeyLifecycleService Lifecycle => Get<KeyLifecycleService>();

    /// <summary>Service.</summary>
    public KeyBootstrapper Bootstrapper => Get<KeyBootstrapper>();

    /// <summary>Service.</summary>
    public AuditTrail Audit => Get<AuditTrail>();

    /// <summary>Service.</summary>
    public SigningKeyProvider AuditSigningKeys => Get<SigningKeyProvider>();

    /// <summary>Service.</summary>
    public ZkKeyPool ZkPool => Get<ZkKeyPool>();

    /// <summary>Service.</summary>
    public ZkCryptoService Zk => Get<ZkCryptoService>();

    /// <summary>Service.</summary>
    public TokenIdGenerator TokenIds => Get<TokenIdGenerator>();

    /// <summary>Service.</summary>
    public ClientCryptoService ClientCrypto => Get<ClientCryptoService>();

    /// <summary>Service.</summary>
    public LocalTokenIssuer Tokens => Get<LocalTokenIssuer>();

    /// <summary>Service.</summary>
    public Task<Result<AdminTokenOutcome>> EnsureAdminTokenAsync(CancellationToken cancellationToken) => Get<AdminTokens>().EnsureAsync(cancellationToken);
}
