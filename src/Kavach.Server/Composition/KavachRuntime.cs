using Kavach.Vaults;
using Kavach.Keys.Access;
using Kavach.Keys.Audit;
using Kavach.Keys.Caching;
using Kavach.Keys.DataProtection;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Signatures;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Hosting.Configuration;
using Kavach.Storage;
using Microsoft.Extensions.Logging;
using Kavach.Hosting.Security.Bindings;
using Kavach.Hosting.Files;

namespace Kavach.Server.Composition;

/// <summary>
/// The opened store and vault with every key-manager service built on them. The server and the CLI both compose
/// Kavach through this one class, so they behave the same on the same data directory.
/// </summary>
public sealed partial class KavachRuntime : IAsyncDisposable
{
    private KavachRuntime(IKeyStore store, IKeyVault vault, KavachOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        Store = store;
        Vault = vault;
        Options = options;
        Policies = new KeyPolicyCatalog(store, time);
        var bindings = ApplicationBindingTable.Build(options.Security.ApplicationBindings);
        Ring = new KeyRing(store, vault, Policies, time, new KeyCreationLimiter(store, bindings, options.Security.KeyCreation.ToLimits(), time));
        Ring.Generator.SubjectDefaults = options.KeyManager.Subject;
        Loader = new StoredKeyLoader(store, vault, loggers.CreateLogger<StoredKeyLoader>());
        var csrs = new CsrFactory(vault, Loader);
        MasterKeys = new MasterKeyService(Ring, csrs);
        Certificates = new CertificateService(Ring, store, csrs);
        Uploads = new CertificateUploadService(Ring, store, vault);
        PrivateKeys = new PrivateKeyCache(Loader, VaultGate, options.KeyManager.PrivateKeyCacheSize);
        SessionKeys = new SessionKeyDecryptor(store, vault, PrivateKeys);
        Lifecycle = new KeyLifecycleService(Ring, store, vault, [SessionKeys, new AuditRevocationListener()]);
        Bootstrapper = new KeyBootstrapper(Ring, store, options.KeyManager, Lifecycle);
        Access = new KeyAccessPolicy(Policies, bindings);
        Envelopes = new EnvelopeService(Ring, SessionKeys, Access);
        Jwe = new JweService(Ring, SessionKeys, Access);
        Pins = new PinCryptoService(options.KeyManager.PinHashIterations);
        Argon2 = new Argon2HashService(time);
        var signingKeys = new SigningKeyProvider(Ring, store, vault, PrivateKeys);
        JwtSignatures = new JwtSignatureService(signingKeys, Certificates, Access) { KeyIdPrefix = options.KeyManager.KeyIdPrefix };
        RawSignatures = new RawSignatureService(signingKeys, Access, store, Ring);
        Trust = new Kavach.Trust.TrustServices(
            TrustStores.Open(StoreOptionsFor(options)),
            new Kavach.Trust.TrustDependencies(Ring, store, vault, signingKeys, Certificates, Access),
            options.Trust,
            time,
            loggers);
        JwtVerifications = new JwtVerificationService(Ring, store, Trust.Verifier);
    }

    /// <summary>jwtEncrypt / jwtDecrypt.</summary>
    public JweService Jwe { get; }

    /// <summary>encryptWithPin / decryptWithPin.</summary>
    public PinCryptoService Pins { get; }

    /// <summary>generateArgon2Hash.</summary>
    public Argon2HashService Argon2 { get; }

    /// <summary>jwtSign / jwsSign and their v2 forms.</summary>
    public JwtSignatureService JwtSignatures { get; }

    /// <summary>signV2, signRawData, legacy sign and validate.</summary>
    public RawSignatureService RawSignatures { get; }

    /// <summary>jwtVerify and its v2 form.</summary>
    public JwtVerificationService JwtVerifications { get; }

    /// <summary>The partner trust store (CA and partner certificates, CRLs, trust paths per domain).</summary>
    public Kavach.Trust.TrustServices Trust { get; }

    /// <summary>Whether the vault was last seen usable; cached private keys are used only while it is open.</summary>
    public VaultHealthGate VaultGate { get; } = new();

    /// <summary>Unwrapped database-held private keys.</summary>
    public PrivateKeyCache PrivateKeys { get; }

    /// <summary>Who may decrypt and sign with which application's keys.</summary>
    public KeyAccessPolicy Access { get; }

    /// <summary>Session-key unwrapping by thumbprint.</summary>
    public SessionKeyDecryptor SessionKeys { get; }

    /// <summary>encrypt / decrypt.</summary>
    public EnvelopeService Envelopes { get; }

    /// <summary>The key store.</summary>
    public IKeyStore Store { get; }

    /// <summary>The key vault.</summary>
    public IKeyVault Vault { get; }

    /// <summary>The options it was opened with.</summary>
    public KavachOptions Options { get; }

    /// <summary>Key policies.</summary>
    public KeyPolicyCatalog Policies { get; }

    /// <summary>The key ring.</summary>
    public KeyRing Ring { get; }

    /// <summary>Stored private key loader.</summary>
    public StoredKeyLoader Loader { get; }

    /// <summary>generateMasterKey / generateECSignKey.</summary>
    public MasterKeyService MasterKeys { get; }

    /// <summary>Certificates, CSRs and chains.</summary>
    public CertificateService Certificates { get; }

    /// <summary>Certificate uploads.</summary>
    public CertificateUploadService Uploads { get; }

    /// <summary>Revocation and symmetric keys.</summary>
    public KeyLifecycleService Lifecycle { get; }

    /// <summary>Start-up key generation.</summary>
    public KeyBootstrapper Bootstrapper { get; }

    /// <summary>Opens the data directory, the database (applying migrations) and the vault.</summary>
    public static async Task<KavachRuntime> OpenAsync(KavachOptions options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var dataDir = options.DataDirectory;
        DataDirectory.Secure(dataDir, loggers.CreateLogger<KavachRuntime>());
        var store = await KeyStores.OpenAsync(StoreOptionsFor(options), time, cancellationToken);
        IKeyVault? vault = null;
        try
        {
            vault = OpenVault(options, time, loggers);
            return new KavachRuntime(store, vault, options, time, loggers);
        }
        catch
        {
            // Start-up is retried until the vault answers: release what this attempt opened.
            vault?.Dispose();
            await ((IAsyncDisposable)store).DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await FlushAuditAsync();
        PrivateKeys.Dispose();
        Argon2.Dispose();
        Vault.Dispose();
        if (Store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    private static StoreOptions StoreOptionsFor(KavachOptions options)
    {
        var database = options.Database;
        if (string.Equals(database.Provider, "PostgreSql", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(database.Provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(database.ConnectionString))
            {
                throw new InvalidOperationException("Kavach:Database:ConnectionString is required for the PostgreSql provider.");
            }

            return new StoreOptions(StoreProvider.PostgreSql, database.ConnectionString);
        }

        if (!string.Equals(database.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Unknown database provider '{database.Provider}'; use Sqlite or PostgreSql.");
        }

        var connectionString = string.IsNullOrWhiteSpace(database.ConnectionString)
            ? $"Data Source={Path.Combine(options.DataDirectory, "kavach.db")}"
            : database.ConnectionString;
        return new StoreOptions(StoreProvider.Sqlite, connectionString);
    }

    private static IKeyVault OpenVault(KavachOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        if (string.Equals(options.Vault.Type, "Pkcs12", StringComparison.OrdinalIgnoreCase))
        {
            return Pkcs12FileVault.Open(new Pkcs12VaultOptions(options.DataDirectory), time);
        }

        if (!string.Equals(options.Vault.Type, "Pkcs11", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Unknown vault type '{options.Vault.Type}'; use Pkcs12 or Pkcs11.");
        }

        var settings = options.Vault.Pkcs11;
        if (string.IsNullOrWhiteSpace(settings.Library) || string.IsNullOrWhiteSpace(settings.TokenLabel))
        {
            throw new InvalidOperationException("Kavach:Vault:Pkcs11:Library and Kavach:Vault:Pkcs11:TokenLabel are required for the Pkcs11 vault.");
        }

        var pkcs11 = new Pkcs11VaultOptions(settings.Library, settings.TokenLabel)
        {
            PinFile = settings.PinFile,
            PinEnvironmentVariable = settings.PinEnvironmentVariable,
        };
        if (settings.MaxSessions is { } maxSessions)
        {
            pkcs11 = pkcs11 with { MaxSessions = maxSessions };
        }

        return Pkcs11Vault.Open(pkcs11, time, loggers);
    }
}
