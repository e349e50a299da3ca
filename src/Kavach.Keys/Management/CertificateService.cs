using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Access;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Storage;

namespace Kavach.Keys.Management;

/// <summary><c>getCertificate</c>, <c>getAllCertificates</c>, <c>generateCSR</c> and <c>getCertificateChain</c>.</summary>
public sealed class CertificateService
{
    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly CsrFactory _csrs;

    /// <summary>Creates the service.</summary>
    public CertificateService(KeyRing ring, IKeyStore store, CsrFactory csrs)
    {
        _ring = ring;
        _store = store;
        _csrs = csrs;
    }

    /// <summary>The current certificate of (appId, refId); a blank refId means the master key. A new base key is made only for a <paramref name="caller"/> that may create it.</summary>
    public async Task<Result<KeyPairResponse>> GetCertificateAsync(string appId, string? refId, Caller caller, CancellationToken cancellationToken)
    {
        var key = await _ring.GetCurrentAsync(appId, Normalize(refId), caller, cancellationToken);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var certificate = key.Value.Certificate;
        return new KeyPairResponse(Pem.Certificate(certificate), null, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
    }

    /// <summary>A CSR for the current key of (appId, refId), which is generated when needed.</summary>
    public async Task<Result<KeyPairResponse>> GenerateCsrAsync(string appId, string? refId, SubjectRequest subject, Caller caller, CancellationToken cancellationToken)
    {
        var reference = Normalize(refId);
        if (string.Equals(appId, KeyIds.Kernel, StringComparison.OrdinalIgnoreCase) && reference == KeyIds.IdentityCache)
        {
            return ErrorCodes.CsrGenerationNotAllowed;
        }

        if (SubjectNames.Problem(subject) is { } problem)
        {
            return ErrorCodes.InvalidRequest with { Message = "Invalid request: " + problem };
        }

        if (!KeyRing.IsActive(await _ring.Policies.FindAsync(appId, cancellationToken)))
        {
            return ErrorCodes.ApplicationIdNotValid;
        }

        var key = await _ring.GetCurrentAsync(appId, reference, caller, cancellationToken);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var csr = await _csrs.CreateAsync(key.Value, SubjectNames.ForCsr(subject, _ring.Generator.SubjectDefaults), cancellationToken);
        return csr.IsSuccess
            ? new KeyPairResponse(null, csr.Value, key.Value.Alias.GeneratedAt, key.Value.Alias.ExpiresAt)
            : csr.Error;
    }

    /// <summary>Every certificate of (appId, refId), expired ones included, oldest first.</summary>
    public async Task<Result<IReadOnlyList<CertificateData>>> GetAllCertificatesAsync(string appId, string? refId, CancellationToken cancellationToken)
    {
        var reference = Normalize(refId);
        var keyClass = KeyClassifier.Classify(appId, reference);
        var aliases = await _store.GetAliasesAsync(appId, reference, cancellationToken);
        var result = new List<CertificateData>(aliases.Count);
        foreach (var alias in aliases.Where(a => a.CertThumbprint is not null))
        {
            // Rows that do not load (no certificate, failed integrity check) are skipped, as MOSIP skips rows without key_store data.
            var loaded = await _ring.LoadAsync(alias, keyClass, cancellationToken);
            if (loaded.IsSuccess)
            {
                var keyId = alias.UniqueIdentifier is { } uni ? UniqueIdentifiers.KeyId(uni) : null;
                result.Add(new CertificateData(Pem.Certificate(loaded.Value.Certificate), alias.GeneratedAt, alias.ExpiresAt, keyId));
            }
        }

        return result;
    }

    /// <summary>The trust path of the current key of (appId, refId) up to ROOT, as a PEM PKCS#7 bundle.</summary>
    public async Task<Result<string>> GetCertificateChainAsync(string appId, string? refId, Caller caller, CancellationToken cancellationToken)
    {
        var key = await _ring.GetCurrentAsync(appId, Normalize(refId), caller, cancellationToken);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var path = await BuildPathAsync(key.Value.Certificate, cancellationToken);
        if (path.Count == 0)
        {
            return ErrorCodes.CertificateProcessing.WithDetail("the trust path to ROOT could not be built");
        }

        return Pem.Pkcs7(new X509Certificate2Collection(path.ToArray()).Export(X509ContentType.Pkcs7)!);
    }

    /// <summary>The path from <paramref name="leaf"/> up to a ROOT of our hierarchy (leaf first), or empty when none is found.</summary>
    public async Task<IReadOnlyList<X509Certificate2>> BuildPathAsync(X509Certificate2 leaf, CancellationToken cancellationToken)
    {
        var path = new List<X509Certificate2> { leaf };
        var issuers = await LoadIssuersAsync(cancellationToken);
        var current = leaf;
        while (!current.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData))
        {
            var issuer = issuers.FirstOrDefault(candidate => IsIssuedBy(current, candidate));
            if (issuer is null || path.Count > 8)
            {
                return [];
            }

            path.Add(issuer);
            current = issuer;
        }

        return path;
    }

    private async Task<List<X509Certificate2>> LoadIssuersAsync(CancellationToken cancellationToken)
    {
        var issuers = new List<X509Certificate2>();
        foreach (var alias in await _store.GetMasterAliasesAsync(cancellationToken))
        {
            var loaded = await _ring.LoadAsync(alias, KeyClassifier.Classify(alias.AppId, alias.RefId), cancellationToken);
            if (loaded.IsSuccess)
            {
                issuers.Add(loaded.Value.Certificate);
            }
        }

        return issuers;
    }

    private static bool IsIssuedBy(X509Certificate2 child, X509Certificate2 candidate) =>
        child.IssuerName.RawData.AsSpan().SequenceEqual(candidate.SubjectName.RawData) &&
        CertificateSignature.IsSignedBy(child, candidate);

    private static string Normalize(string? refId) => string.IsNullOrWhiteSpace(refId) ? string.Empty : refId;
}
