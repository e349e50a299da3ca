using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Audit;
using Kavach.Keys.Authorities;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Trust.Channel;

/// <summary>
/// The partner TLS CA: an RSA-2048 key in the vault (an HSM on PKCS#11), its certificate issued by ROOT (CA, path
/// length 0, keyCertSign and cRLSign only), recorded in <c>key_alias</c> like a module key under
/// <see cref="ApplicationId"/>. It issues the short-lived TLS client certificates partners present, through
/// <see cref="IKeyVault.IssueCertificate"/> only: the vault refuses it data signing, and its application has no key
/// policy, so no API caller can reach it. Made on first use under the store's per-pair lock, so racing replicas make one.
/// </summary>
public sealed class PartnerTlsAuthority
{
    /// <summary>The application id of the CA's <c>key_alias</c> rows (reference id <c>""</c>); it has no key policy on purpose.</summary>
    public const string ApplicationId = "KAVACH_PARTNER_TLS";

    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    private readonly VaultHeldKeys _keys;
    private readonly IKeyVault _vault;
    private readonly SubjectDefaults _subject;
    private readonly PartnerChannelOptions _options;
    private readonly TimeProvider _time;
    private volatile VaultHeldKey? _current;

    /// <summary>Creates the authority; nothing is touched until first use.</summary>
    public PartnerTlsAuthority(KeyRing ring, IKeyStore store, IKeyVault vault, SubjectDefaults subject, PartnerChannelOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _keys = new VaultHeldKeys(ring, store, vault);
        _vault = vault;
        _subject = subject;
        _options = options;
        _time = time;
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private TimeSpan ClientLifetime => TimeSpan.FromDays(Math.Max(1, _options.TlsCertificateDays));

    /// <summary>The partner TLS CA's certificate, creating the CA when there is none that can still issue a full-length client certificate.</summary>
    /// <exception cref="InvalidOperationException">ROOT is not available to issue it.</exception>
    public async Task<X509Certificate2> GetCertificateAsync(CancellationToken cancellationToken) =>
        (await EnsureAsync(cancellationToken)).Certificate;

    /// <summary>
    /// Every partner TLS CA certificate still valid now (the current one and, after a CA rollover, earlier ones whose
    /// client certificates may still be in use): what a TLS server trusts for partner client certificates.
    /// </summary>
    public async Task<IReadOnlyList<X509Certificate2>> GetTrustedCertificatesAsync(CancellationToken cancellationToken)
    {
        var current = await EnsureAsync(cancellationToken);
        var now = Now;
        var trusted = new List<X509Certificate2> { current.Certificate };
        foreach (var key in await _keys.ListAsync(ApplicationId, cancellationToken))
        {
            if (key.Alias.Id != current.Alias.Id && key.Certificate.NotAfter.ToUniversalTime() > now)
            {
                trusted.Add(key.Certificate);
            }
        }

        return trusted;
    }

    /// <summary>The chain a partner pins for our side: the partner TLS CA, then ROOT.</summary>
    public async Task<IReadOnlyList<X509Certificate2>> GetChainAsync(CancellationToken cancellationToken)
    {
        var ca = await EnsureAsync(cancellationToken);
        return [ca.Certificate, ca.Root!];
    }

    /// <summary>
    /// Issues a TLS client certificate for <paramref name="partnerId"/> from its CSR (PEM or base64 DER): the CSR's
    /// self-signature must verify (proof of possession) and its key must be RSA ≥ 2048 bits or ECDSA P-256/P-384,
    /// else <see cref="ChannelErrors.InvalidCsr"/>. CN = partner id, O = organisation, clientAuth, CA:FALSE,
    /// <see cref="PartnerChannelOptions.TlsCertificateDays"/> days clipped to the CA.
    /// </summary>
    public async Task<Result<IssuedTlsCertificate>> IssueClientCertificateAsync(string? csr, string? partnerId, string? organization, CancellationToken cancellationToken)
    {
        if (!ChannelPartnerIds.IsValidId(partnerId) || !ChannelPartnerIds.IsValidOrganization(organization))
        {
            return ChannelErrors.InvalidPartner;
        }

        var key = TlsSigningRequest.Read(csr);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var ca = await EnsureAsync(cancellationToken);
        var notBefore = CertificateFactory.TruncateToSeconds(Now - Backdate);
        var layout = PartnerTlsProfile.Client(partnerId!, organization!.Trim(), key.Value, ca.Certificate, notBefore, notBefore + ClientLifetime + Backdate);
        var certificate = _vault.IssueCertificate(ca.Alias.Id, layout);
        AuditScope.KeyUsed(ca.Alias.Id);
        return new IssuedTlsCertificate(certificate, [certificate, ca.Certificate, ca.Root!], certificate.SerialNumber.ToUpperInvariant());
    }

    private async Task<VaultHeldKey> EnsureAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && CanIssue(cached.Certificate, Now))
        {
            return cached;
        }

        if (Usable(await _keys.ListAsync(ApplicationId, cancellationToken)) is { } found)
        {
            return _current = found;
        }

        return _current = await _keys.CreateUnlessAsync(
            ApplicationId,
            Usable,
            VaultKeyType.Rsa2048,
            (publicKey, root) =>
            {
                var notBefore = CertificateFactory.TruncateToSeconds(Now - Backdate);
                return PartnerTlsProfile.Ca(PartnerTlsProfile.CaSubject(_subject), publicKey, root, notBefore, notBefore.AddDays(Math.Max(1, _options.CaValidityDays)));
            },
            cancellationToken);
    }

    /// <summary>The newest CA that can still issue a full-length client certificate and whose ROOT we hold.</summary>
    private VaultHeldKey? Usable(IReadOnlyList<VaultHeldKey> keys)
    {
        var now = Now;
        return keys.FirstOrDefault(k => k.Alias.GeneratedAt <= now && now < k.Alias.ExpiresAt && CanIssue(k.Certificate, now) && k.Root is not null);
    }

    private bool CanIssue(X509Certificate2 certificate, DateTime now) =>
        certificate.NotBefore.ToUniversalTime() <= now && now + ClientLifetime < certificate.NotAfter.ToUniversalTime();
}
