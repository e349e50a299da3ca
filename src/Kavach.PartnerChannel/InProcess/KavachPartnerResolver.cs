using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BitFaster.Caching.Lru;
using Kavach.Keys.Signatures;
using Kavach.PartnerChannel.Partners;
using Kavach.Trust.Channel;

namespace Kavach.PartnerChannel.InProcess;

/// <summary>
/// Finds the partner behind a TLS client certificate in Kavach's own registry: the certificate must chain to our partner
/// TLS CA (and through it to ROOT), be valid now and meant for client authentication; its common name is the partner
/// id, which must be onboarded for our application, active, and list this serial; the partner's signature and
/// encryption certificates must have a trust path in its domain (validity, CRL). The registry is read on every request,
/// so a revocation on any replica holds from the next request on.
/// </summary>
/// <remarks>
/// A keep-alive connection presents the same certificates on every request, and building an <see cref="X509Chain"/>
/// and parsing the partner's certificates cost more CPU than the request's RSA work. So a positive TLS chain verdict is
/// kept for <see cref="ChainVerdictLifetime"/> (never past a certificate of the path's NotAfter), keyed by the client
/// certificate's and the current partner TLS CAs' SHA-256 thumbprints, so a change of the CAs is a new key; and parsed
/// certificates are kept by the hash of their DER, so a changed registration can never be served an old certificate.
/// What can revoke stays per request: the registry (state, application, serial list) and the trust store's verdict on
/// the signature and encryption certificates (with its CRLs).
/// </remarks>
public sealed class KavachPartnerResolver : IPartnerResolver
{
    /// <summary>How long a positive verdict on a TLS client certificate's chain to the partner TLS CA is reused.</summary>
    public static readonly TimeSpan ChainVerdictLifetime = TimeSpan.FromSeconds(30);

    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";
    private const int CacheCapacity = 1024;

    // (client certificate, CA set) -> when the chain verdict holds; only positive verdicts are kept.
    private readonly ConcurrentLru<string, VerdictWindow> _chainVerdicts = new(CacheCapacity);

    // SHA-256 of a registered certificate's DER -> the parsed certificate (shared; never disposed while cached).
    private readonly ConcurrentLru<string, X509Certificate2> _parsed = new(CacheCapacity);

    private readonly IChannelPartnerDirectory _directory;
    private readonly PartnerTlsAuthority _authority;
    private readonly ICertificateTrustVerifier _trust;
    private readonly TimeProvider _time;
    private readonly string _applicationId;

    /// <summary>Creates the resolver for partners of <paramref name="applicationId"/>.</summary>
    public KavachPartnerResolver(IChannelPartnerDirectory directory, PartnerTlsAuthority authority, ICertificateTrustVerifier trust, TimeProvider time, string applicationId)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        _directory = directory;
        _authority = authority;
        _trust = trust;
        _time = time;
        _applicationId = applicationId;
    }

    /// <inheritdoc />
    public async ValueTask<VerifiedPartner?> ResolveAsync(X509Certificate2 tlsClientCertificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tlsClientCertificate);
        if (!await IssuedByPartnerTlsCaAsync(tlsClientCertificate, cancellationToken))
        {
            return null;
        }

        var partnerId = tlsClientCertificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!ChannelPartnerIds.IsValidId(partnerId) ||
            await _directory.FindAsync(partnerId, cancellationToken) is not { State: ChannelPartnerState.Active } partner ||
            !string.Equals(partner.ApplicationId, _applicationId, StringComparison.Ordinal) ||
            !partner.TlsCertificateSerials.Contains(tlsClientCertificate.SerialNumber, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        X509Certificate2 signing, encryption;
        try
        {
            signing = Parse(partner.SigningCertificate);
            encryption = Parse(partner.EncryptionCertificate);
        }
        catch (CryptographicException)
        {
            return null;
        }

        if (!await _trust.IsTrustedAsync(signing, [], partner.Domain, cancellationToken) ||
            !await _trust.IsTrustedAsync(encryption, [], partner.Domain, cancellationToken))
        {
            return null;
        }

        return new VerifiedPartner(partner.PartnerId, partner.Organization, partner.Domain, signing, encryption);
    }

    /// <summary>True when the certificate chains to a current partner TLS CA (its issuer, not any certificate under ROOT), is valid now and allows clientAuth.</summary>
    private async Task<bool> IssuedByPartnerTlsCaAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        if (!AllowsClientAuth(certificate))
        {
            return false;
        }

        var authorities = await _authority.GetTrustedCertificatesAsync(cancellationToken);
        var pinned = await _authority.GetChainAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var key = VerdictKey(certificate, authorities, pinned[^1]);
        if (_chainVerdicts.TryGet(key, out var window) && window.Holds(now))
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(pinned[^1]);
        chain.ChainPolicy.ExtraStore.AddRange(authorities.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // revocation is the registry's serial list
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (!chain.Build(certificate) || chain.ChainElements.Count < 2)
        {
            return false;
        }

        var issuer = chain.ChainElements[1].Certificate.RawData;
        if (!authorities.Any(a => CryptographicOperations.FixedTimeEquals(a.RawData, issuer)))
        {
            return false;
        }

        // The verdict holds while every certificate of the path is valid, and no longer than the lifetime.
        var from = now;
        var until = now + ChainVerdictLifetime;
        foreach (var element in chain.ChainElements)
        {
            var notBefore = new DateTimeOffset(element.Certificate.NotBefore.ToUniversalTime());
            var notAfter = new DateTimeOffset(element.Certificate.NotAfter.ToUniversalTime());
            from = notBefore > from ? notBefore : from;
            until = notAfter < until ? notAfter : until;
        }

        _chainVerdicts.AddOrUpdate(key, new VerdictWindow(from, until));
        return true;
    }

    private static string VerdictKey(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> authorities, X509Certificate2 root)
    {
        var parts = new string[authorities.Count + 2];
        parts[0] = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        parts[1] = root.GetCertHashString(HashAlgorithmName.SHA256);
        for (var i = 0; i < authorities.Count; i++)
        {
            parts[i + 2] = authorities[i].GetCertHashString(HashAlgorithmName.SHA256);
        }

        return string.Join('|', parts);
    }

    /// <summary>The registered certificate, parsed once per distinct DER.</summary>
    /// <exception cref="CryptographicException">The bytes are not a certificate.</exception>
    private X509Certificate2 Parse(byte[] der)
    {
        var key = Convert.ToHexString(SHA256.HashData(der));
        if (_parsed.TryGet(key, out var cached))
        {
            return cached;
        }

        var parsed = X509CertificateLoader.LoadCertificate(der);
        _parsed.AddOrUpdate(key, parsed);
        return parsed;
    }

    private static bool AllowsClientAuth(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().ToList();
        return usages.Count == 0 || usages.Any(u => u.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ClientAuthOid));
    }

    private sealed record VerdictWindow(DateTimeOffset From, DateTimeOffset Until)
    {
        public bool Holds(DateTimeOffset now) => now >= From && now < Until;
    }
}
