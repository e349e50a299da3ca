using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Trust.Certificates;
using Microsoft.Extensions.Logging;

namespace Kavach.Trust.Paths;

/// <summary>
/// Builds a certificate's path in one domain with .NET's <see cref="X509Chain"/>: custom root trust with the domain's
/// self-signed CAs only, the domain's other CAs as the only extra certificates, no downloads, no machine store.
/// Every certificate above the target must be one of the domain's (the platform may add intermediates of its own
/// stores; those are refused), then each link is checked against its issuer's CRL.
/// </summary>
internal static class TrustPathBuilder
{
    public static TrustEvaluation Evaluate(DomainSnapshot snapshot, X509Certificate2 target, DateTime nowUtc, ILogger logger)
    {
        var cacheKey = Thumbprints.Sha256UpperHex(target.RawData);
        if (snapshot.TryFindPath(cacheKey, out var cached) && nowUtc >= cached.ValidFrom && nowUtc <= cached.ValidUntil)
        {
            return new TrustEvaluation(TrustVerdict.Trusted, cached.Path, cached.Issuer, null);
        }

        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = nowUtc;

        // MOSIP keeps only date-valid CAs as anchors and intermediates; an expired root must not shadow its successor.
        foreach (var authority in snapshot.Authorities.Where(a => CertificateFacts.IsTimeValid(a.Certificate, nowUtc)))
        {
            (authority.IsSelfSigned ? policy.CustomTrustStore : policy.ExtraStore).Add(authority.Certificate);
        }

        var built = chain.Build(target);
        var elements = chain.ChainElements.Select(e => e.Certificate).ToList();
        var authorities = new TrustedCa?[elements.Count];
        for (var i = 0; i < elements.Count; i++)
        {
            authorities[i] = snapshot.ByThumbprint.GetValueOrDefault(CertificateFacts.Thumbprint(elements[i]));
        }

        // The path must run through the domain's certificates only and end at one of its roots.
        var complete = elements.Count > 0 &&
            authorities.Skip(1).All(a => a is not null) &&
            authorities[^1] is { IsSelfSigned: true };
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        var verdict = TrustVerdict.NoTrustPath;
        string? revoked = null;
        if (complete)
        {
            (verdict, revoked) = CheckRevocation(snapshot, elements, authorities);
            if (verdict == TrustVerdict.Trusted && !built)
            {
                verdict = (flags & X509ChainStatusFlags.NotTimeValid) != 0 ? TrustVerdict.NotTimeValid : TrustVerdict.NoTrustPath;
            }
        }

        if (verdict != TrustVerdict.Trusted)
        {
            TrustLog.NotTrusted(logger, snapshot.Domain, CertificateFacts.Thumbprint(target), verdict.ToString(), flags.ToString());
            return TrustEvaluation.Untrusted(verdict, revoked);
        }

        var path = new List<X509Certificate2>(elements.Count) { target };
        path.AddRange(authorities.Skip(1).Select(a => a!.Certificate));
        var issuer = elements.Count == 1 ? authorities[0]!.Record : authorities[1]!.Record;
        var validFrom = path.Max(CertificateFacts.NotBefore);
        var validUntil = path.Min(CertificateFacts.NotAfter);
        snapshot.Remember(cacheKey, new CachedPath(path, issuer, validFrom, validUntil));
        return new TrustEvaluation(TrustVerdict.Trusted, path, issuer, null);
    }

    private static (TrustVerdict Verdict, string? RevokedSubject) CheckRevocation(DomainSnapshot snapshot, List<X509Certificate2> elements, TrustedCa?[] authorities)
    {
        for (var i = 0; i + 1 < elements.Count; i++)
        {
            var issuerKey = authorities[i + 1]!.KeyHash;
            if (snapshot.UnusableCrlKeys.Contains(issuerKey))
            {
                return (TrustVerdict.NoTrustPath, null);
            }

            if (snapshot.CrlsByKeyHash.TryGetValue(issuerKey, out var crl) && crl.Lists(elements[i]))
            {
                return (TrustVerdict.Revoked, DistinguishedNames.Format(elements[i].SubjectName));
            }
        }

        return (TrustVerdict.Trusted, null);
    }
}
