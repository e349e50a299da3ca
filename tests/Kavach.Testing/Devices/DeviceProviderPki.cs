using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kavach.Crypto.Jose;

namespace Kavach.Testing.Devices;

/// <summary>
/// A device provider's PKI for tests: the provider CA (uploaded in trust domain DEVICE), the factory signing key under
/// it that signs whitelist batches, an FTM provider root (domain FTM) that issues one chip certificate per device, and
/// a rogue CA for attacks. <see cref="SignBatch(string, IReadOnlyList{WhitelistBatchEntry}, string?)"/> makes the
/// batch file <c>kavach devices whitelist import</c> takes: a compact RS256 JWS with <c>x5c</c> = [factory certificate].
/// </summary>
public sealed class DeviceProviderPki : IDisposable
{
    /// <summary>The JWS <c>typ</c> of a whitelist batch.</summary>
    public const string BatchType = "kavach-whitelist+jws";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // Five keys per PKI (provider CA, factory, FTM root, rogue CA, rogue factory), generated once per test process in
    // four sets handed out in turn: RSA generation dominated these tests, and two PKIs of one test still differ.
    private const int KeysPerSet = 5;
    private const int Sets = 4;
    private static readonly Lazy<RSAParameters>[] Pool = [.. Enumerable.Range(0, KeysPerSet * Sets).Select(_ => new Lazy<RSAParameters>(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(true);
    }))];

    private static int _nextSet = -1;

    private readonly List<IDisposable> _owned = [];
    private readonly int _set = Interlocked.Increment(ref _nextSet) % Sets;
    private int _nextKey;

    /// <summary>Creates the PKI of provider <paramref name="providerId"/> (organisation <paramref name="organization"/>), valid around <paramref name="time"/>'s now.</summary>
    public DeviceProviderPki(string providerId = "MOSIP.PROXY.SBI", string organization = "MOSIP", TimeProvider? time = null)
    {
        ProviderId = providerId;
        Organization = organization;
        Now = (time ?? TimeProvider.System).GetUtcNow();
        ProviderCa = Authority($"CN={organization} Device Provider CA, O={organization}, C=IN");
        Factory = Issue($"CN={organization} Factory 1, O={organization}, C=IN", ProviderCa, Now.AddYears(2));
        FtmRoot = Authority($"CN={organization} FTM Root, O={organization} FTM, C=IN");
        RogueCa = Authority($"CN={organization} Device Provider CA, O={organization}, C=IN");
        RogueFactory = Issue($"CN={organization} Factory 1, O={organization}, C=IN", RogueCa, Now.AddYears(2));
    }

    /// <summary>The provider id (its PMS partner id).</summary>
    public string ProviderId { get; }

    /// <summary>The exact PMS organisation name.</summary>
    public string Organization { get; }

    /// <summary>The provider's CA (self-signed root), to upload in domain DEVICE.</summary>
    public PkiIdentity ProviderCa { get; }

    /// <summary>The factory signing key and its certificate, issued by <see cref="ProviderCa"/>.</summary>
    public PkiIdentity Factory { get; }

    /// <summary>The FTM provider's root, to upload in domain FTM.</summary>
    public PkiIdentity FtmRoot { get; }

    /// <summary>A CA with the same name as <see cref="ProviderCa"/> but another key: what an attacker would make.</summary>
    public PkiIdentity RogueCa { get; }

    /// <summary>A factory certificate under <see cref="RogueCa"/>.</summary>
    public PkiIdentity RogueFactory { get; }

    private DateTimeOffset Now { get; }

    /// <summary>An FTM chip certificate for <paramref name="serialNo"/> under <see cref="FtmRoot"/> (or <paramref name="issuer"/>), with a fresh key of its own.</summary>
    public PkiIdentity IssueFtmChip(string serialNo, PkiIdentity? issuer = null, DateTimeOffset? notAfter = null) =>
        Issue($"CN={serialNo}, O={Organization} FTM, C=IN", issuer ?? FtmRoot, notAfter ?? Now.AddYears(10), RSA.Create(2048));

    /// <summary>An L1 whitelist entry for a Finger/Slap device with its FTM chip's certificate hash.</summary>
    public static WhitelistBatchEntry L1Entry(string serialNo, string ftmCertSha256, string make = "MOSIP", string model = "SLAP01", string type = "Finger", string subType = "Slap") =>
        new(serialNo, make, model, type, subType, "L1", "Auth", "Staging", ftmCertSha256, null);

    /// <summary>An L0 whitelist entry with the pre-registered device key hash.</summary>
    public static WhitelistBatchEntry L0Entry(string serialNo, string l0KeySha256, string make = "MOSIP", string model = "SLAP01", string type = "Finger", string subType = "Slap") =>
        new(serialNo, make, model, type, subType, "L0", "Registration", "Staging", null, l0KeySha256);

    /// <summary>An L0 whitelist entry with a one-time enrolment secret's hash instead of the key's.</summary>
    public static WhitelistBatchEntry L0SecretEntry(string serialNo, string l0SecretSha256) =>
        new(serialNo, "MOSIP", "SLAP01", "Finger", "Slap", "L0", "Registration", "Staging", null, null, l0SecretSha256);

    /// <summary>The batch file: <c>{batchId, providerId, entries}</c> signed RS256 by the factory key (or <paramref name="signer"/>).</summary>
    public string SignBatch(string batchId, IReadOnlyList<WhitelistBatchEntry> entries, string? providerId = null, PkiIdentity? signer = null) =>
        SignPayload(JsonSerializer.SerializeToUtf8Bytes(new { batchId, providerId = providerId ?? ProviderId, entries }, Json), signer);

    /// <summary>Any payload signed like a batch (for malformed-payload tests); <paramref name="header"/> replaces the standard header.</summary>
    public string SignPayload(byte[] payload, PkiIdentity? signer = null, JoseHeader? header = null)
    {
        var key = signer ?? Factory;
        header ??= new JoseHeader().Add("alg", "RS256").Add("typ", BatchType).Add("x5c", [JoseKeyIds.X5c(key.Certificate)]);
        return JwsCompact.Sign(header, payload, b64: true, includePayload: true, JwsSigners.ForRsa(key.Key, JwsAlgorithm.RS256));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    private RSA NextPooledKey() => RSA.Create(Pool[(_set * KeysPerSet) + (_nextKey++ % KeysPerSet)].Value);

    private PkiIdentity Authority(string subject)
    {
        var key = NextPooledKey();
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var certificate = request.CreateSelfSigned(Now.AddDays(-1), Now.AddYears(20));
        return Own(new PkiIdentity(certificate, key));
    }

    private PkiIdentity Issue(string subject, PkiIdentity issuer, DateTimeOffset notAfter, RSA? key = null)
    {
        key ??= NextPooledKey();
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(issuer.Certificate, Now.AddDays(-1), notAfter, serial);
        return Own(new PkiIdentity(issued.CopyWithPrivateKey(key), key));
    }

    private PkiIdentity Own(PkiIdentity identity)
    {
        _owned.Add(identity.Certificate);
        _owned.Add(identity.Key);
        return identity;
    }
}
