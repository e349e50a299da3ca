using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Keys.Access;
using Kavach.Keys.Caching;
using Kavach.Keys.Certificates;
using Kavach.Keys.DataProtection;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Signatures;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.Wrapping;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Testing.Keys;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Keys.Tests.Support;

/// <summary>
/// The key services built the way the server builds them (KavachRuntime), on the in-memory store and vault and a
/// frozen clock, with the key policies a fresh installation has for the applications the tests use.
/// </summary>
internal sealed class KeyServices : IDisposable
{
    /// <summary>The application whose keys the tests make.</summary>
    public const string App = "TEST_APP";

    /// <summary>Validity of <see cref="App"/>'s keys, in days.</summary>
    public const int AppValidityDays = 365;

    /// <summary>Days before expiry from which a base key is no longer current (the BASE policy).</summary>
    public const int BasePreExpireDays = 30;

    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public KeyServices(int privateKeyCapacity = 10_000, IEnumerable<Func<KeyServices, IKeyRevocationListener>>? listeners = null)
    {
        Policies = new KeyPolicyCatalog(Store, Time);
        Ring = new KeyRing(Store, Vault, Policies, Time);
        Loader = new StoredKeyLoader(Store, Vault, NullLogger<StoredKeyLoader>.Instance);
        PrivateKeys = new PrivateKeyCache(Loader, Gate, privateKeyCapacity);
        SessionKeys = new SessionKeyDecryptor(Store, Vault, PrivateKeys);
        Lifecycle = new KeyLifecycleService(Ring, Store, Vault, (listeners ?? [s => s.SessionKeys, s => s.PrivateKeys]).Select(f => f(this)));
        SigningKeys = new SigningKeyProvider(Ring, Store, Vault, PrivateKeys);
        ZkOptions = new ZeroKnowledgeOptions { PoolSize = 8 };
        ZkPool = new ZkKeyPool(Store, Store, Vault, Ring, ZkOptions);
        foreach (var policy in new[]
        {
            new KeyPolicy(KeyIds.Root, 1826, 60, true, "NA"),
            new KeyPolicy(KeyIds.Kernel, 1095, 60, true, "NA"),
            new KeyPolicy(App, AppValidityDays, 60, true, "NA"),
            new KeyPolicy(KeyIds.Base, 730, BasePreExpireDays, true, "NA"),
        })
        {
            Store.UpsertPolicyAsync(policy, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public static CancellationToken Ct => CancellationToken.None;

    public FakeTimeProvider Time { get; } = new(Start);

    public InMemoryKeyStore Store { get; } = new();

    public InMemoryKeyVault Vault { get; } = new(PregeneratedKeys.Source());

    public VaultHealthGate Gate { get; } = new();

    public KeyPolicyCatalog Policies { get; }

    public KeyRing Ring { get; }

    public StoredKeyLoader Loader { get; }

    public PrivateKeyCache PrivateKeys { get; }

    public SessionKeyDecryptor SessionKeys { get; }

    public KeyLifecycleService Lifecycle { get; }

    public SigningKeyProvider SigningKeys { get; }

    public ZeroKnowledgeOptions ZkOptions { get; }

    public ZkKeyPool ZkPool { get; }

    /// <summary>Makes ROOT and the module key of <see cref="App"/> (and KERNEL's), as start-up does; returns the module key.</summary>
    public async Task<ResolvedKey> BootstrapAsync()
    {
        foreach (var appId in new[] { KeyIds.Root, KeyIds.Kernel, App })
        {
            Ok(await Ring.Generator.GenerateAsync(appId, string.Empty, SubjectRequest.Empty, force: false, Ct));
        }

        return Ok(await Ring.GetCurrentAsync(App, string.Empty, Ct));
    }

    /// <summary>The current base key of (<see cref="App"/>, <paramref name="refId"/>), made on first use as getCertificate does.</summary>
    public async Task<ResolvedKey> BaseKeyAsync(string refId) =>
        Ok(await Ring.GetCurrentAsync(App, refId, Caller.System, Ct));

    /// <summary>
    /// Puts <paramref name="count"/> base keys of <see cref="App"/> into the store the way the generator does, but all
    /// with one RSA key (each with a certificate of its own, issued by the module key): many distinct cached keys without
    /// paying for many RSA key generations.
    /// </summary>
    public IReadOnlyList<KeyAlias> SeedBaseKeys(ResolvedKey master, int count, RSA key)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(key);
        var pkcs8 = key.ExportPkcs8PrivateKey();
        using var masterPublic = master.Certificate.GetRSAPublicKey()!;
        var notBefore = CertificateFactory.TruncateToSeconds(Time.GetUtcNow().UtcDateTime);
        var aliases = new List<KeyAlias>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid().ToString();
            var refId = $"SEEDED_{i}";
            using var certificate = Vault.IssueCertificate(master.Alias.Id, CertificateFactory.Prepare(
                CertificateProfile.Encryption, SubjectNames.ForBaseKey(master.Certificate.SubjectName, App, refId), new PublicKey(key),
                master.Certificate, notBefore, notBefore.AddDays(AppValidityDays)));
            var alias = new KeyAlias(id, App, refId, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(),
                Thumbprints.Sha256UpperHex(certificate.RawData), UniqueIdentifiers.Compute($"seeded_{id}"));
            Store.Seed(alias, new StoredKey(id, master.Alias.Id, BaseKeyWrapper.Wrap(pkcs8, masterPublic), Pem.Certificate(certificate)));
            aliases.Add(alias);
        }

        CryptographicOperations.ZeroMemory(pkcs8);
        return aliases;
    }

    /// <summary>A session key encrypted to <paramref name="key"/>'s certificate (what a MOSIP client sends).</summary>
    public static byte[] EncryptTo(ResolvedKey key, byte[] sessionKey)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var rsa = key.Certificate.GetRSAPublicKey()!;
        return rsa.Encrypt(sessionKey, RSAEncryptionPadding.OaepSHA256);
    }

    public static T Ok<T>(Errors.Result<T> result)
    {
        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Code + " " + result.Error.Message);
        return result.Value;
    }

    public void Dispose()
    {
        PrivateKeys.Dispose();
        Vault.Dispose();
    }
}
