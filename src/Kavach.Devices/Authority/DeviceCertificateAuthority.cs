using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Devices.Registry;
using Kavach.Keys.Audit;
using Kavach.Keys.Authorities;
using Kavach.Keys.Certificates;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Devices.Authority;

/// <summary>
/// The device issuing CA (spec §4.1): an RSA-3072 key in the vault (an HSM on PKCS#11), its certificate issued by ROOT
/// (CA, path length 0, keyCertSign and cRLSign only), recorded in <c>key_alias</c> under <see cref="ApplicationId"/>,
/// which has no key policy, so no key-manager API caller reaches it. It issues device certificates and signs CRLs
/// through <see cref="IKeyVault.IssueCertificate"/> and <see cref="IKeyVault.IssueCrl"/> only. Rollover (§4.13.4): a
/// successor is made when the current CA has fewer than <see cref="DeviceAuthorityOptions.RolloverLeadDays"/> left and
/// issues only after <see cref="DeviceAuthorityOptions.PublishLeadTime"/>, the time to upload it to MOSIP PMS.
/// </summary>
public sealed class DeviceCertificateAuthority : IDeviceCaCertificates
{
    /// <summary>The application id of the CA's <c>key_alias</c> rows (reference id <c>""</c>); it has no key policy on purpose.</summary>
    public const string ApplicationId = "KAVACH_DEVICE_CA";

    // The spec's device certificate backdate (clock skew of devices that set their time from ours).
    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(1);

    // How long one replica trusts its list of CAs before reading the key table again (a successor made elsewhere shows up).
    private static readonly TimeSpan ListLifetime = TimeSpan.FromMinutes(1);

    private readonly VaultHeldKeys _keys;
    private readonly IKeyVault _vault;
    private readonly SubjectDefaults _subject;
    private readonly DeviceAuthorityOptions _options;
    private readonly TimeProvider _time;
    private readonly DeviceRevocationList _crl;
    private volatile CaList? _list;

    /// <summary>Creates the authority; nothing is touched until first use.</summary>
    public DeviceCertificateAuthority(KeyRing ring, IKeyStore store, IKeyVault vault, IDeviceCertificateStore certificates, SubjectDefaults subject, DeviceAuthorityOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _keys = new VaultHeldKeys(ring, store, vault);
        _vault = vault;
        _subject = subject;
        _options = options;
        _time = time;
        _crl = new DeviceRevocationList(vault, certificates, options, time);
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private TimeSpan CertificateLifetime => TimeSpan.FromDays(Math.Max(1, _options.CertificateDays));

    /// <summary>The CA that issues device certificates now, creating the first CA, or a successor when the rollover is due.</summary>
    /// <exception cref="InvalidOperationException">ROOT is not available, or only a successor not yet published to MOSIP could issue.</exception>
    public async Task<X509Certificate2> GetIssuingCertificateAsync(CancellationToken cancellationToken) =>
        (await EnsureAsync(cancellationToken)).Certificate;

    /// <inheritdoc />
    public async ValueTask<DeviceTrustAnchors> GetTrustAnchorsAsync(CancellationToken cancellationToken)
    {
        var current = await EnsureAsync(cancellationToken);
        var now = Now;
        var list = await ListAsync(cancellationToken);

        // A successor not yet issuing is trusted already: it has issued nothing, and every replica is ready when it starts.
        var cas = list.Keys.Where(k => k.Root is not null && k.Certificate.NotAfter.ToUniversalTime() > now).Select(k => k.Certificate).ToList();
        return new DeviceTrustAnchors(cas, current.Root!);
    }

    /// <summary>The PEM text served at <c>GET /pki/ca</c>: every device CA certificate still valid (newest first), then the ROOT certificates above them.</summary>
    public async Task<string> GetChainPemAsync(CancellationToken cancellationToken)
    {
        var anchors = await GetTrustAnchorsAsync(cancellationToken);
        var pem = new StringBuilder();
        foreach (var certificate in anchors.IssuingCas.Append(anchors.Root))
        {
            pem.Append(certificate.ExportCertificatePem()).Append('\n');
        }

        return pem.ToString();
    }

    /// <summary>
    /// The DER CRL served at <c>GET /pki/crl</c>: the current CA's revoked, unexpired device certificates, signed by the
    /// CA key through the vault, nextUpdate <see cref="DeviceAuthorityOptions.CrlValidity"/>. Cached, and rebuilt when
    /// the revoked set changes (on any replica) or a day has passed.
    /// </summary>
    public async Task<byte[]> GetCrlAsync(CancellationToken cancellationToken)
    {
        var ca = await EnsureAsync(cancellationToken);
        return await _crl.GetAsync(ca, cancellationToken);
    }

    /// <summary>
    /// Issues a device certificate for <paramref name="publicKey"/> with the §4.1 profile: CN = <paramref name="serialNo"/>,
    /// O = <paramref name="organization"/> exactly, SAN URI <c>urn:mosip-dm:device:&lt;mgmtId&gt;</c>, clientAuth,
    /// digitalSignature, notBefore now − 1 min, <see cref="DeviceAuthorityOptions.CertificateDays"/> days. The caller
    /// has checked the request (proof of possession, key size, key reuse); nothing of a CSR but its key reaches here.
    /// </summary>
    public async Task<IssuedDeviceCertificate> IssueAsync(string serialNo, string organization, string mgmtId, PublicKey publicKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serialNo);
        ArgumentException.ThrowIfNullOrEmpty(organization);
        ArgumentException.ThrowIfNullOrEmpty(mgmtId);
        ArgumentNullException.ThrowIfNull(publicKey);
        var ca = await EnsureAsync(cancellationToken);
        var notBefore = CertificateFactory.TruncateToSeconds(Now - Backdate);
        var layout = DeviceCertificateProfile.Device(serialNo, organization, mgmtId, publicKey, ca.Certificate, _options.CrlUrl, notBefore, notBefore + Backdate + CertificateLifetime);
        var certificate = _vault.IssueCertificate(ca.Alias.Id, layout);
        AuditScope.KeyUsed(ca.Alias.Id);
        return new IssuedDeviceCertificate(certificate, [certificate, ca.Certificate, ca.Root!], certificate.SerialNumber.ToUpperInvariant(), SpkiSha256(publicKey));
    }

    /// <summary>Makes the successor CA now if the rollover is due and none exists (the daily job calls it); true when one was made.</summary>
    public async Task<bool> PrepareRolloverAsync(CancellationToken cancellationToken)
    {
        var before = (await ListAsync(cancellationToken, refresh: true)).Keys.Count;
        _ = await EnsureAsync(cancellationToken);
        return (await ListAsync(cancellationToken, refresh: true)).Keys.Count > before;
    }

    /// <summary>Hex (lower-case) SHA-256 of a public key's SubjectPublicKeyInfo: the key-reuse index of device certificates.</summary>
    public static string SpkiSha256(PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return Convert.ToHexStringLower(SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo()));
    }

    private async Task<VaultHeldKey> EnsureAsync(CancellationToken cancellationToken)
    {
        var list = await ListAsync(cancellationToken);
        var current = Issuing(list.Keys);
        if (current is not null && !RolloverDue(current, list.Keys))
        {
            return current;
        }

        if (current is null && list.Keys.Any(k => k.Root is not null && CanIssue(k.Certificate, Now)))
        {
            // Only a successor not yet published to MOSIP could issue: waiting is right, issuing would make certificates MOSIP refuses.
            throw new InvalidOperationException("The device CA successor is not yet published to MOSIP; no device CA can issue now.");
        }

        var made = await _keys.CreateUnlessAsync(
            ApplicationId,
            keys => current is null ? Issuing(keys) : keys.FirstOrDefault(k => k.Alias.GeneratedAt > current.Alias.GeneratedAt),
            VaultKeyType.Rsa3072,
            (publicKey, root) =>
            {
                var notBefore = CertificateFactory.TruncateToSeconds(Now - Backdate);
                var days = Math.Max(_options.CaValidityDays, _options.RolloverLeadDays + 366);
                return DeviceCertificateProfile.Ca(DeviceCertificateProfile.Subject(DeviceCertificateProfile.CaCommonName, _subject), publicKey, root, notBefore, notBefore.AddDays(days));
            },
            cancellationToken);
        list = await ListAsync(cancellationToken, refresh: true);
        return current ?? Issuing(list.Keys) ?? made;
    }

    /// <summary>
    /// The newest CA that may issue at <c>now</c>: its ROOT is known, it outlives a full-length device certificate, and it
    /// was made at least the publish lead time ago — except the first CA of all, which nothing in MOSIP precedes.
    /// </summary>
    private VaultHeldKey? Issuing(IReadOnlyList<VaultHeldKey> keys)
    {
        var now = Now;
        var oldest = keys.Count == 0 ? null : keys[^1];
        return keys.FirstOrDefault(k =>
            k.Root is not null
            && CanIssue(k.Certificate, now)
            && (ReferenceEquals(k, oldest) || k.Alias.GeneratedAt + _options.PublishLeadTime <= now));
    }

    private bool RolloverDue(VaultHeldKey current, IReadOnlyList<VaultHeldKey> keys) =>
        current.Certificate.NotAfter.ToUniversalTime() - Now < TimeSpan.FromDays(_options.RolloverLeadDays)
        && !keys.Any(k => k.Alias.GeneratedAt > current.Alias.GeneratedAt);

    private bool CanIssue(X509Certificate2 certificate, DateTime now) =>
        certificate.NotBefore.ToUniversalTime() <= now && now + CertificateLifetime < certificate.NotAfter.ToUniversalTime();

    private async Task<CaList> ListAsync(CancellationToken cancellationToken, bool refresh = false)
    {
        var now = _time.GetUtcNow();
        if (!refresh && _list is { } cached && now < cached.ReadAt + ListLifetime && now >= cached.ReadAt)
        {
            return cached;
        }

        return _list = new CaList(await _keys.ListAsync(ApplicationId, cancellationToken), now);
    }

    private sealed record CaList(IReadOnlyList<VaultHeldKey> Keys, DateTimeOffset ReadAt);
}
