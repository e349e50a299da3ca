using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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
public sealed class KavachPartnerResolver : IPartnerResolver
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

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
            signing = X509CertificateLoader.LoadCertificate(partner.SigningCertificate);
            encryption = X509CertificateLoader.LoadCertificate(partner.EncryptionCertificate);
        }
        catch (CryptographicException)
        {
            return null;
        }

        if (!await _trust.IsTrustedAsync(signing, [], partner.Domain, cancellationToken) ||
            !await _trust.IsTrustedAsync(encryption, [], partner.Domain, cancellationToken))
        {
            signing.Dispose();
            encryption.Dispose();
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
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(pinned[^1]);
        chain.ChainPolicy.ExtraStore.AddRange(authorities.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // revocation is the registry's serial list
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (!chain.Build(certificate) || chain.ChainElements.Count < 2)
        {
            return false;
        }

        var issuer = chain.ChainElements[1].Certificate.RawData;
        return authorities.Any(a => CryptographicOperations.FixedTimeEquals(a.RawData, issuer));
    }

    private static bool AllowsClientAuth(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().ToList();
        return usages.Count == 0 || usages.Any(u => u.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ClientAuthOid));
    }
}
