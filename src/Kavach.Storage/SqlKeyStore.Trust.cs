using Kavach.Storage.Trust;
using Kavach.Trust.Storage;

namespace Kavach.Storage;

/// <summary>The partner trust store's tables (migration 0003) on the store's database; the statements live in <see cref="SqlTrustRepository"/>.</summary>
internal sealed partial class SqlKeyStore : ITrustRepository
{
    private readonly SqlTrustRepository trust;

    /// <inheritdoc />
    public Task<long> GetDomainVersionAsync(string domain, CancellationToken cancellationToken) =>
        trust.GetDomainVersionAsync(domain, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CaCertificateRecord>> GetCaCertificatesAsync(string domain, CancellationToken cancellationToken) =>
        trust.GetCaCertificatesAsync(domain, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CaCertificateRecord>> FindCaCertificatesBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        trust.FindCaCertificatesBySubjectAsync(subject, cancellationToken);

    /// <inheritdoc />
    public Task<CaCertificateRecord?> GetCaCertificateAsync(string certId, CancellationToken cancellationToken) =>
        trust.GetCaCertificateAsync(certId, cancellationToken);

    /// <inheritdoc />
    public Task<bool> CaCertificateExistsAsync(string thumbprint, string domain, CancellationToken cancellationToken) =>
        trust.CaCertificateExistsAsync(thumbprint, domain, cancellationToken);

    /// <inheritdoc />
    public Task<bool> InsertCaCertificateAsync(CaCertificateRecord record, CancellationToken cancellationToken) =>
        trust.InsertCaCertificateAsync(record, cancellationToken);

    /// <inheritdoc />
    public Task<CaCertificatePage> QueryCaCertificatesAsync(CaCertificateQuery query, CancellationToken cancellationToken) =>
        trust.QueryCaCertificatesAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task InsertPartnerCertificateAsync(PartnerCertificateRecord record, CancellationToken cancellationToken) =>
        trust.InsertPartnerCertificateAsync(record, cancellationToken);

    /// <inheritdoc />
    public Task<PartnerCertificateRecord?> GetPartnerCertificateAsync(string certId, CancellationToken cancellationToken) =>
        trust.GetPartnerCertificateAsync(certId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<PartnerCertificateRecord>> GetPartnerCertificatesAsync(string? domain, CancellationToken cancellationToken) =>
        trust.GetPartnerCertificatesAsync(domain, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CrlRecord>> GetCrlsAsync(CancellationToken cancellationToken) =>
        trust.GetCrlsAsync(cancellationToken);

    /// <inheritdoc />
    public Task<bool> StoreCrlAsync(CrlRecord record, IReadOnlyCollection<string> domains, CancellationToken cancellationToken) =>
        trust.StoreCrlAsync(record, domains, cancellationToken);
}
