using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BitFaster.Caching.Lru;
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
    // signer certificates come back again and again: keep them, keyed by their encoding. The keys are whatever callers
    // put in x5c, so the LRU's bound is what keeps a flood of distinct certificates from growing it.
    private readonly ConcurrentLru<string, ParsedCertificate> _parsed = new(Environment.ProcessorCount, MaxCachedCertificates, StringComparer.Ordinal);

    /// <summary>Creates the service.</summary>
    public JwtVerificationService(KeyRing ring, IKeyStore store, ICertificateTrustVerifier trust)
    {
        _ring = ring;
        _store = store;
        _trust = trust;
    }

    /// <summary>
    /// Verifies a compact JWS. The certificate is, in order: the header's <c>x5c[0]</c>, the request's certificate,
    /// our key named by the header's <c>kid</c>, or the current key of (appId, refId) (KERNEL/SIGN when blank; for
    /// refId "" the app's signing key, then its module key). It
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
            foreach (var encoded in x5c)
            {
                if (!TryParse(encoded, out var parsed))
                {
                    return ErrorCodes.VerifyInputInvalid;
                }

                headerChain.Add(parsed.Certificate);
            }
        }

        X509Certificate2 certificate;
        IReadOnlyList<X509Certificate2> alternatives = [];
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
            var ours = await OurCertificatesAsync(request, parts.Header.Kid, cancellationToken);
            if (!ours.IsSuccess)
            {
                return ours.Error;
            }

            certificate = ours.Value[0];
            alternatives = ours.Value;
        }

        var now = _ring.Now;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return ErrorCodes.VerifyCertificateNotValid;
        }

        var key = Parsed(certificate).Key;
        var valid = key is not null && JwsCompact.Verify(parts, key);

        // (APP, "") without a kid: the app's signing key signs now; its module key signed before Kavach separated them.
        foreach (var other in alternatives.Skip(1))
        {
            if (valid)
            {
                break;
            }

            if (now >= other.NotBefore.ToUniversalTime() && now <= other.NotAfter.ToUniversalTime() &&
                Parsed(other).Key is { } otherKey && JwsCompact.Verify(parts, otherKey))
            {
                (certificate, valid) = (other, true);
            }
        }
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

    /// <summary>An <c>x5c</c> entry's certificate, read as leniently as MOSIP reads it (<see cref="X5cEntry"/>).</summary>
    private bool TryParse(string x5cEntry, [NotNullWhen(true)] out ParsedCertificate? parsed)
    {
        if (_parsed.TryGet(x5cEntry, out var cached))
        {
            parsed = cached;
            return true;
        }

        parsed = null;
        if (!X5cEntry.TryDecode(x5cEntry, out var der))
        {
            return false;
        }

        try
        {
            parsed = Remember(x5cEntry, X509CertificateLoader.LoadCertificate(der));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private ParsedCertificate Parsed(X509Certificate2 certificate)
    {
        var encoded = Convert.ToBase64String(certificate.RawData);
        return _parsed.TryGet(encoded, out var cached) ? cached : Remember(encoded, certificate);
    }

    private ParsedCertificate Remember(string encoded, X509Certificate2 certificate) =>
        _parsed.GetOrAdd(encoded, static (_, c) => new ParsedCertificate(c, JwsVerificationKey.FromCertificate(c)), certificate);

    /// <summary>
    /// Our certificates for (appId, refId), the first to try first. For a module key (refId "") that is the app's
    /// data-signing key (APP, SIGN), which signs what MOSIP signs with the module key, then the module key itself
    /// (signatures made before the split). A kid names one key of either exactly.
    /// </summary>
    private async Task<Result<IReadOnlyList<X509Certificate2>>> OurCertificatesAsync(VerifyRequest request, string? kid, CancellationToken cancellationToken)
    {
        var (appId, refId) = string.IsNullOrWhiteSpace(request.ApplicationId)
            ? (KeyIds.Kernel, KeyIds.Sign)
            : (request.ApplicationId, request.ReferenceId?.Trim() ?? string.Empty);
        var keyClass = KeyClassifier.Classify(appId, refId);
        (string Ref, KeyClass Class)[] pairs = keyClass is KeyClass.Master ? [(KeyIds.Sign, KeyClass.DataSign), (refId, keyClass)] : [(refId, keyClass)];

        // A kid names one key exactly, so tokens signed before a rotation still verify.
        if (kid is { Length: > 0 })
        {
            foreach (var (pairRef, pairClass) in pairs)
            {
                foreach (var alias in await _store.GetAliasesAsync(appId, pairRef, cancellationToken))
                {
                    if (alias.UniqueIdentifier is { } uni && kid.EndsWith(UniqueIdentifiers.KeyId(uni), StringComparison.Ordinal))
                    {
                        var named = await _ring.LoadAsync(alias, pairClass, cancellationToken);
                        if (!named.IsSuccess)
                        {
                            return named.Error;
                        }

                        return new[] { named.Value.Certificate };
                    }
                }
            }
        }

        var found = new List<X509Certificate2>();
        KavachError? firstError = null;
        foreach (var (pairRef, _) in pairs)
        {
            // The signing key is only looked up, never made here: verifying creates no keys.
            if (pairRef != refId && (await _store.GetAliasesAsync(appId, pairRef, cancellationToken)).Count == 0)
            {
                continue;
            }

            var current = await _ring.GetCurrentAsync(appId, pairRef, cancellationToken);
            if (current.IsSuccess)
            {
                found.Add(current.Value.Certificate);
            }
            else
            {
                firstError ??= current.Error;
            }
        }

        if (found.Count == 0)
        {
            return firstError ?? ErrorCodes.KeyGenerationNotDone;
        }

        return found;
    }

    private sealed record ParsedCertificate(X509Certificate2 Certificate, JwsVerificationKey? Key);
}
