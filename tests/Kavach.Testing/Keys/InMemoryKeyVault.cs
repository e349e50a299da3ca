using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Vault;

namespace Kavach.Testing.Keys;

/// <summary>
/// An <see cref="IKeyVault"/> holding real RSA, EC and AES keys in memory, for direct tests of the key services. It
/// keeps the rules of the real vaults: an issuing key (CA, keyCertSign or cRLSign) never signs data, only a CA issues
/// and only certificates naming it, a certificate swap never changes which of the two a key is, taken aliases are
/// refused, unknown aliases give <see cref="VaultKeyNotFoundException"/>. Counters show how often each key was used, so
/// tests can see what a cache saved; <see cref="IsAvailable"/> switches the whole vault off, as a pulled HSM.
/// </summary>
public sealed class InMemoryKeyVault : IKeyVault
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _decryptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _signatures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _aesOperations = new(StringComparer.Ordinal);
    private readonly Func<VaultKeyType, AsymmetricAlgorithm> _generate;
    private long _keyPairsCreated;
    private volatile bool _isAvailable = true;

    /// <summary>Creates an empty vault that generates fresh keys.</summary>
    public InMemoryKeyVault()
        : this(Generate)
    {
    }

    /// <summary>
    /// Creates an empty vault whose "generated" keys come from <paramref name="generate"/> (tests that make many keys
    /// hand out keys generated once per process; RSA-2048 generation dominates their run time otherwise).
    /// </summary>
    public InMemoryKeyVault(Func<VaultKeyType, AsymmetricAlgorithm> generate)
    {
        ArgumentNullException.ThrowIfNull(generate);
        _generate = generate;
    }

    /// <inheritdoc />
    public string Kind => "MEMORY";

    /// <summary>When false every key operation throws <see cref="KeyVaultUnavailableException"/> and the status is not ready.</summary>
    public bool IsAvailable
    {
        get => _isAvailable;
        set => _isAvailable = value;
    }

    /// <summary>Key pairs generated so far.</summary>
    public long KeyPairsCreated => Interlocked.Read(ref _keyPairsCreated);

    /// <summary>Aliases held now.</summary>
    public IReadOnlyCollection<string> Aliases => [.. _entries.Keys];

    /// <summary>RSA-OAEP decryptions made with <paramref name="alias"/> (how often a master unwrapped a stored key).</summary>
    public long DecryptionsWith(string alias) => Read(_decryptions, alias);

    /// <summary>Data signatures made with <paramref name="alias"/>.</summary>
    public long SignaturesWith(string alias) => Read(_signatures, alias);

    /// <summary>AES-ECB wraps and unwraps made with <paramref name="alias"/>.</summary>
    public long AesOperationsWith(string alias) => Read(_aesOperations, alias);

    /// <summary>Every RSA-OAEP decryption, whatever the key.</summary>
    public long TotalDecryptions => _decryptions.Values.Sum(c => c.Value);

    /// <inheritdoc />
    public Task<VaultStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(IsAvailable ? new VaultStatus(true, "in-memory vault ready") : new VaultStatus(false, "in-memory vault switched off"));

    /// <inheritdoc />
    public Task<X509Certificate2> CreateKeyPairAsync(string alias, VaultKeyType type, CertificateIssuer issue, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        ArgumentNullException.ThrowIfNull(issue);
        EnsureAvailable();
        if (_entries.ContainsKey(alias))
        {
            throw AliasTaken(alias);
        }

        var key = _generate(type);
        var pair = new KeyPair(key);
        try
        {
            var certificate = issue(pair.PublicKey(), pair.SelfSigner())
                ?? throw new InvalidOperationException("The certificate issuer returned no certificate.");
            if (!SubjectPublicKeyInfo(certificate.PublicKey).AsSpan().SequenceEqual(pair.SubjectPublicKeyInfo))
            {
                throw new InvalidOperationException("The certificate issuer returned a certificate for another public key.");
            }

            pair.Certificate = certificate.RawData;
            pair.CanIssue = KeyUsageRules.CanIssue(certificate);
            if (!_entries.TryAdd(alias, pair))
            {
                throw AliasTaken(alias);
            }

            Interlocked.Increment(ref _keyPairsCreated);
            return Task.FromResult(X509CertificateLoader.LoadCertificate(pair.Certificate));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Task ReplaceCertificateAsync(string alias, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var pair = PairOf(alias);
        if (!SubjectPublicKeyInfo(certificate.PublicKey).AsSpan().SequenceEqual(pair.SubjectPublicKeyInfo))
        {
            throw new ArgumentException($"The certificate's public key is not the public key of '{alias}'.", nameof(certificate));
        }

        if (KeyUsageRules.CanIssue(certificate) != pair.CanIssue)
        {
            throw new KeyUsageException(alias, $"The new certificate of '{alias}' would change whether the key issues certificates.");
        }

        pair.Certificate = certificate.RawData;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<X509Certificate2?> GetCertificateAsync(string alias, CancellationToken cancellationToken)
    {
        EnsureAvailable();
        return Task.FromResult(_entries.TryGetValue(alias, out var entry) && entry is KeyPair pair
            ? X509CertificateLoader.LoadCertificate(pair.Certificate)
            : null);
    }

    /// <inheritdoc />
    public Task CreateSecretKeyAsync(string alias, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        EnsureAvailable();
        var aes = Aes.Create();
        aes.KeySize = 256;
        aes.GenerateKey();
        if (!_entries.TryAdd(alias, new SecretKey(aes)))
        {
            aes.Dispose();
            throw AliasTaken(alias);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> ContainsAsync(string alias, CancellationToken cancellationToken)
    {
        EnsureAvailable();
        return Task.FromResult(_entries.ContainsKey(alias));
    }

    /// <inheritdoc />
    public Task DeleteAsync(string alias, CancellationToken cancellationToken)
    {
        EnsureAvailable();

        // Not disposed here: a concurrent operation may still be using it (the real vaults retire keys the same way).
        _entries.TryRemove(alias, out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public byte[] SignData(string alias, ReadOnlySpan<byte> data, VaultSignatureAlgorithm algorithm)
    {
        var pair = PairOf(alias);
        if (pair.CanIssue)
        {
            throw new KeyUsageException(alias, $"The key '{alias}' issues certificates and signs no data.");
        }

        var signature = algorithm switch
        {
            VaultSignatureAlgorithm.RsaPkcs1Sha256 => RsaOf(pair, alias).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            VaultSignatureAlgorithm.RsaPssSha256 => RsaOf(pair, alias).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            VaultSignatureAlgorithm.EcdsaSha256 => EcdsaOf(pair, alias).SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown signature algorithm."),
        };
        Count(_signatures, alias);
        return signature;
    }

    /// <inheritdoc />
    public X509Certificate2 IssueCertificate(string issuerAlias, CertificateToIssue certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var pair = PairOf(issuerAlias);
        using (var issuer = X509CertificateLoader.LoadCertificate(pair.Certificate))
        {
            KeyUsageRules.EnsureIssuer(issuerAlias, issuer, certificate);
        }

        return certificate.Create(pair.SelfSigner());
    }

    /// <inheritdoc />
    public byte[] IssueCrl(string issuerAlias, CrlToIssue crl)
    {
        ArgumentNullException.ThrowIfNull(crl);
        var pair = PairOf(issuerAlias);
        using (var issuer = X509CertificateLoader.LoadCertificate(pair.Certificate))
        {
            KeyUsageRules.EnsureCrlIssuer(issuerAlias, issuer, crl);
        }

        return crl.Build(pair.SelfSigner());
    }

    /// <inheritdoc />
    public byte[] CreateSigningRequest(string alias, CertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pair = PairOf(alias);
        if (!SubjectPublicKeyInfo(request.PublicKey).AsSpan().SequenceEqual(pair.SubjectPublicKeyInfo))
        {
            throw new ArgumentException($"The request's public key is not the public key of '{alias}'.", nameof(request));
        }

        return request.CreateSigningRequest(pair.SelfSigner());
    }

    /// <inheritdoc />
    public byte[] EncryptAesEcb(string alias, ReadOnlySpan<byte> data)
    {
        var result = SecretOf(alias).EncryptEcb(data, PaddingMode.None);
        Count(_aesOperations, alias);
        return result;
    }

    /// <inheritdoc />
    public byte[] DecryptAesEcb(string alias, ReadOnlySpan<byte> data)
    {
        var result = SecretOf(alias).DecryptEcb(data, PaddingMode.None);
        Count(_aesOperations, alias);
        return result;
    }

    /// <inheritdoc />
    public byte[] DecryptOaepSha256(string alias, ReadOnlySpan<byte> ciphertext)
    {
        var pair = PairOf(alias);
        var plaintext = (pair.Key as RSA ?? throw new ArgumentException($"The key '{alias}' is not an RSA key and cannot decrypt RSA-OAEP.", nameof(alias)))
            .Decrypt(ciphertext, RSAEncryptionPadding.OaepSHA256);
        Count(_decryptions, alias);
        return plaintext;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var entry in _entries.Values)
        {
            entry.Dispose();
        }

        _entries.Clear();
    }

    /// <summary>A fresh key of <paramref name="type"/>.</summary>
    public static AsymmetricAlgorithm Generate(VaultKeyType type) => type switch
    {
        VaultKeyType.Rsa2048 => RSA.Create(2048),
        VaultKeyType.Rsa3072 => RSA.Create(3072),
        VaultKeyType.EcP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        VaultKeyType.EcSecp256k1 => ECDsa.Create(ECCurve.CreateFromValue("1.3.132.0.10")),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown vault key type."),
    };

    private static byte[] SubjectPublicKeyInfo(PublicKey publicKey) =>
        publicKey.GetRSAPublicKey() is { } rsa ? Export(rsa)
        : publicKey.GetECDsaPublicKey() is { } ec ? Export(ec)
        : throw new ArgumentException("The key is neither an RSA nor an EC public key.", nameof(publicKey));

    private static byte[] Export(AsymmetricAlgorithm key)
    {
        using (key)
        {
            return key.ExportSubjectPublicKeyInfo();
        }
    }

    private static RSA RsaOf(KeyPair pair, string alias) =>
        pair.Key as RSA ?? throw new ArgumentException($"The key '{alias}' is not an RSA key.", nameof(alias));

    private static ECDsa EcdsaOf(KeyPair pair, string alias) =>
        pair.Key as ECDsa ?? throw new ArgumentException($"The key '{alias}' is not an EC key.", nameof(alias));

    private static InvalidOperationException AliasTaken(string alias) => new($"The key vault already holds a key with alias '{alias}'.");

    private static long Read(ConcurrentDictionary<string, Counter> counters, string alias) =>
        counters.TryGetValue(alias, out var counter) ? counter.Value : 0;

    private static void Count(ConcurrentDictionary<string, Counter> counters, string alias) =>
        counters.GetOrAdd(alias, static _ => new Counter()).Increment();

    private KeyPair PairOf(string alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        EnsureAvailable();
        return _entries.TryGetValue(alias, out var entry)
            ? entry as KeyPair ?? throw new ArgumentException($"The key '{alias}' is a secret key.", nameof(alias))
            : throw new VaultKeyNotFoundException(alias);
    }

    private Aes SecretOf(string alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        EnsureAvailable();
        return _entries.TryGetValue(alias, out var entry)
            ? (entry as SecretKey)?.Aes ?? throw new ArgumentException($"The key '{alias}' is not a secret key.", nameof(alias))
            : throw new VaultKeyNotFoundException(alias);
    }

    private void EnsureAvailable()
    {
        if (!IsAvailable)
        {
            throw new KeyVaultUnavailableException("The in-memory vault is switched off (test).");
        }
    }

    private abstract class Entry : IDisposable
    {
        public abstract void Dispose();
    }

    private sealed class KeyPair(AsymmetricAlgorithm key) : Entry
    {
        public AsymmetricAlgorithm Key { get; } = key;

        public byte[] SubjectPublicKeyInfo { get; } = key.ExportSubjectPublicKeyInfo();

        public byte[] Certificate { get; set; } = [];

        public bool CanIssue { get; set; }

        public PublicKey PublicKey() => new(Key);

        public X509SignatureGenerator SelfSigner() => Key is RSA rsa
            ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1)
            : X509SignatureGenerator.CreateForECDsa((ECDsa)Key);

        public override void Dispose() => Key.Dispose();
    }

    private sealed class SecretKey(Aes aes) : Entry
    {
        public Aes Aes { get; } = aes;

        public override void Dispose() => Aes.Dispose();
    }

    private sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }
}
