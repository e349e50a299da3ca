using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto.Jose;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;

namespace Kavach.Keys.Signatures;

/// <summary><c>/jwtVerify</c> and <c>/jwtVerify/v2</c> (spec §3.8 f).</summary>
public sealed class JwtVerificationService
{
    private const int MaxCachedCertificates = 1024;

    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly ICertificateTrustVerifier _trust;

    // Parsing a certificate and importing its key costs far more than verifying a signature, and the same few
    // signer certificates come back again and again: keep them, keyed by their encoding (bounded).
    private readonly ConcurrentDictionary<string, ParsedCertificate> _parsed = new(StringComparer.Ordinal);

    /// <summary>Creates the service.</summary>
    public JwtVerificationService(KeyRing ring, IKeyStore store, ICertificateTrustVerifier trust)
    {
        _ring = ring;
        _store = store;
        _trust = trust;
    }

    /// <summary>
    /// Verifies a compact JWS. The certificate is, in order: the header's <c>x5c[0]</c>, the request's certificate,
    /// our key named by the header's <c>kid</c>, or the current key of (appId, refId) (KERNEL/SIGN when blank). It
    /// must be valid now (KER-JWS-107). v2 passes the rest of <c>x5c</c> to the trust check as intermediates.
    /// </summary>
    public async Task<Result<VerificationResult>> VerifyAsync(VerifyRequest request, bool v2, CancellationToken cancellationToken)
    {
        if (!JwsCompact.TryParse(request.JwtSignatureData, out var parts))
        {
            return ErrorCodes.VerifyInputInvalid;
        }

        if (request.ActualData is { Length: > 0 } actual)
        {
            parts = parts.WithPayloadPart(actual);
        }

        var headerChain = new List<X509Certificate2>();
        if (parts.Header.X5c is { } x5c)
        {
            try
            {
                foreach (var encoded in x5c)
                {
                    headerChain.Add(Parsed(encoded).Certificate);
                }
            }
            catch (Exception e) when (e is CryptographicException or FormatException)
            {
                return ErrorCodes.VerifyInputInvalid;
            }
        }

        X509Certificate2 certificate;
        if (headerChain.Count > 0)
        {
            certificate = headerChain[0];
        }
        else if (!string.IsNullOrWhiteSpace(request.CertificateData))
        {
            if (!Pem.TryParseCertificate(request.CertificateData, out certificate))
            {
                return ErrorCodes.CertificateParsing;
            }
        }
        else
        {
            var ours = await OurCertificateAsync(request, parts.Header.Kid, cancellationToken);
            if (!ours.IsSuccess)
            {
                return ours.Error;
            }

            certificate = ours.Value;
        }

        var now = _ring.Now;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return ErrorCodes.VerifyCertificateNotValid;
        }

        var key = Parsed(certificate).Key;
        var valid = key is not null && JwsCompact.Verify(parts, key);
        string trust;
        if (!request.ValidateTrust)
        {
            trust = VerificationResult.TrustNotVerified;
        }
        else if (string.IsNullOrWhiteSpace(request.Domain))
        {
            trust = VerificationResult.TrustNotVerifiedNoDomain;
        }
        else
        {
            var intermediates = v2 ? headerChain.Skip(1).ToList() : [];
            trust = await _trust.IsTrustedAsync(certificate, intermediates, request.Domain.Trim(), cancellationToken)
                ? VerificationResult.TrustCertPathValid
                : VerificationResult.TrustCertPathNotValid;
        }

        return new VerificationResult(valid, trust);
    }

    private ParsedCertificate Parsed(string x5cEntry) =>
        _parsed.TryGetValue(x5cEntry, out var cached) ? cached : Remember(x5cEntry, X509CertificateLoader.LoadCertificate(Convert.FromBase64String(x5cEntry)));

    private ParsedCertificate Parsed(X509Certificate2 certificate)
    {
        var encoded = Convert.ToBase64String(certificate.RawData);
        return _parsed.TryGetValue(encoded, out var cached) ? cached : Remember(encoded, certificate);
    }

    private ParsedCertificate Remember(string encoded, X509Certificate2 certificate)
    {
        if (_parsed.Count >= MaxCachedCertificates)
        {
            _parsed.Clear();
        }

        var parsed = new ParsedCertificate(certificate, JwsVerificationKey.FromCertificate(certificate));
        return _parsed.GetOrAdd(encoded, parsed);
    }

    private async Task<Result<X509Certificate2>> OurCertificateAsync(VerifyRequest request, string? kid, CancellationToken cancellationToken)
    {
        var (appId, refId) = string.IsNullOrWhiteSpace(request.ApplicationId)
            ? (KeyIds.Kernel, KeyIds.Sign)
            : (request.ApplicationId, request.ReferenceId?.Trim() ?? string.Empty);
        var keyClass = KeyClassifier.Classify(appId, refId);

        // A kid names one key exactly, so tokens signed before a rotation still verify.
        if (kid is { Length: > 0 })
        {
            foreach (var alias in await _store.GetAliasesAsync(appId, refId, cancellationToken))
            {
                if (alias.UniqueIdentifier is { } uni && kid.EndsWith(UniqueIdentifiers.KeyId(uni), StringComparison.Ordinal))
                {
                    var named = await _ring.LoadAsync(alias, keyClass, cancellationToken);
                    return named.IsSuccess ? named.Value.Certificate : named.Error;
                }
            }
        }

        var current = await _ring.GetCurrentAsync(appId, refId, cancellationToken);
        return current.IsSuccess ? current.Value.Certificate : current.Error;
    }

    private sealed record ParsedCertificate(X509Certificate2 Certificate, JwsVerificationKey? Key);
}
