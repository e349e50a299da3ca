using System.Collections.Concurrent;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Registry;
using Kavach.Keys.Audit;
using Kavach.Keys.Authorities;
using Kavach.Keys.Vault;

namespace Kavach.Devices.Authority;

/// <summary>
/// The device CA's CRL: built from the revoked device certificates the store lists, laid out here and signed by the CA
/// key through <see cref="IKeyVault.IssueCrl"/>. The store is read on every request (cheap); the signature is made
/// again only when the revoked set or the CA changed, or the cached CRL is a day old, so a revocation on any replica
/// shows in the next CRL everywhere.
/// </summary>
internal sealed class DeviceRevocationList
{
    private static readonly TimeSpan RebuildAfter = TimeSpan.FromDays(1);

    private readonly IKeyVault _vault;
    private readonly IDeviceCertificateStore _certificates;
    private readonly DeviceAuthorityOptions _options;
    private readonly TimeProvider _time;

    // Certificate serial → the hex key identifier of its issuer, so a stored certificate is parsed once.
    private readonly ConcurrentDictionary<string, string> _issuerKeyIds = new(StringComparer.Ordinal);
    private volatile Cached? _cached;

    public DeviceRevocationList(IKeyVault vault, IDeviceCertificateStore certificates, DeviceAuthorityOptions options, TimeProvider time)
    {
        _vault = vault;
        _certificates = certificates;
        _options = options;
        _time = time;
    }

    /// <summary>The DER CRL of <paramref name="ca"/>.</summary>
    public async Task<byte[]> GetAsync(VaultHeldKey ca, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var caKeyId = SubjectKeyId(ca.Certificate);
        var revoked = (await _certificates.ListRevokedAsync(now, cancellationToken))
            .Where(c => string.Equals(IssuerKeyId(c), caKeyId, StringComparison.Ordinal))
            .OrderBy(c => c.CertSerial, StringComparer.Ordinal)
            .ToList();
        var fingerprint = string.Join(',', revoked.Select(c => c.CertSerial));
        if (_cached is { } cached && cached.CaAlias == ca.Alias.Id && cached.Fingerprint == fingerprint && now >= cached.ThisUpdate && now < cached.ThisUpdate + RebuildAfter)
        {
            return cached.Der;
        }

        var thisUpdate = TruncateToSeconds(now);
        var layout = new CrlToIssue(
            ca.Certificate.SubjectName,

            // Time-based numbers increase across rebuilds and replicas without a shared counter.
            new BigInteger(thisUpdate.ToUnixTimeMilliseconds()),
            thisUpdate,
            thisUpdate + _options.CrlValidity,
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false),
            [.. revoked.Select(c => new CrlEntry(Convert.FromHexString(c.CertSerial), c.RevokedAt ?? thisUpdate, Reason(c.Reason)))]);
        var der = _vault.IssueCrl(ca.Alias.Id, layout);
        AuditScope.KeyUsed(ca.Alias.Id);
        _cached = new Cached(ca.Alias.Id, fingerprint, thisUpdate, der);
        return der;
    }

    /// <summary>The RFC 5280 reason of a stored reason name (<c>superseded</c>, <c>keyCompromise</c>, …); none when unknown.</summary>
    internal static X509RevocationReason? Reason(string? name) =>
        Enum.TryParse<X509RevocationReason>(name, ignoreCase: true, out var reason) && Enum.IsDefined(reason) ? reason : null;

    private string IssuerKeyId(DeviceCertificateRecord certificate) =>
        _issuerKeyIds.GetOrAdd(certificate.CertSerial, static (_, der) =>
        {
            using var parsed = X509CertificateLoader.LoadCertificate(der);
            var aki = parsed.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault();
            return aki?.KeyIdentifier is { } id ? Convert.ToHexString(id.Span) : string.Empty;
        }, certificate.Der);

    private static string SubjectKeyId(X509Certificate2 ca) =>
        ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifier ?? string.Empty;

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private sealed record Cached(string CaAlias, string Fingerprint, DateTimeOffset ThisUpdate, byte[] Der);
}
