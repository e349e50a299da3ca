using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Audit;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Trust.Authorities;
using Kavach.Trust.Certificates;
using Kavach.Trust.Errors;
using Kavach.Trust.Storage;
using Microsoft.Extensions.Logging;

namespace Kavach.Trust.Channel;

/// <summary>
/// Partner onboarding in one flow (seed 000): the partner's CA into the trust store, its signature and encryption
/// certificates through the partner upload, a TLS client certificate from our partner TLS CA, and the partner row.
/// The row is written last, so a failure at any step leaves no partner; the certificates already in the trust store
/// are harmless there and are accepted again on a retry. Renewal issues a new TLS certificate (the previous one stays
/// accepted until it expires); revocation refuses all three certificates from the next request on, on every replica.
/// </summary>
public sealed class PartnerOnboardingService
{
    private const int MaxReasonLength = 256;

    private readonly TrustServices _trust;
    private readonly PartnerTlsAuthority _authority;
    private readonly IChannelPartnerRepository _repository;
    private readonly ChannelApplicationKeys _keys;
    private readonly PartnerChannelOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    public PartnerOnboardingService(
        TrustServices trust,
        PartnerTlsAuthority authority,
        IChannelPartnerRepository repository,
        ChannelApplicationKeys keys,
        PartnerChannelOptions options,
        TimeProvider time,
        ILogger<PartnerOnboardingService> logger)
    {
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _trust = trust;
        _authority = authority;
        _repository = repository;
        _keys = keys;
        _options = options;
        _time = time;
        _logger = logger;
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Onboards a partner: all or nothing. Errors: KER-PCH-014 (id, organisation, application), KER-PCM-011 (domain),
    /// KER-PCH-012 (CSR), KER-PCH-011/013 (id taken or revoked), KER-PCM-001 (certificates unreadable), KER-PCH-015
    /// (a certificate not from the uploaded CA), the partner upload's own codes, KER-PCH-016 (our keys).
    /// </summary>
    public async Task<Result<PartnerOnboardingResult>> OnboardAsync(PartnerOnboardingRequest request, string? userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await TryOnboardAsync(request, userName, cancellationToken);
        AuditScope.Current?.AddDetail("partner=" + (ChannelPartnerIds.IsValidId(request.PartnerId) ? request.PartnerId : "-"));
        if (!result.IsSuccess && ChannelPartnerIds.IsValidId(request.PartnerId))
        {
            ChannelLog.OnboardingRefused(_logger, request.PartnerId!, result.Error.Code, result.Error.Message);
        }

        return result;
    }

    /// <summary>A new TLS client certificate for an active partner; the previous one stays accepted until it expires.</summary>
    public async Task<Result<PartnerOnboardingResult>> RenewAsync(string? partnerId, string? csr, string? userName, CancellationToken cancellationToken)
    {
        var existing = await ActiveAsync(partnerId, cancellationToken);
        if (!existing.IsSuccess)
        {
            return existing.Error;
        }

        AuditScope.Current?.AddDetail("partner=" + partnerId);
        var record = existing.Value;
        var issued = await _authority.IssueClientCertificateAsync(csr, record.PartnerId, record.Organization, cancellationToken);
        if (!issued.IsSuccess)
        {
            return issued.Error;
        }

        var ours = await _keys.EnsureAsync(record.ApplicationId, _options.EncryptionReferenceId, IsConfigured(record.ApplicationId), cancellationToken);
        if (!ours.IsSuccess)
        {
            return ours.Error;
        }

        if (!await _repository.RenewChannelPartnerTlsAsync(record.PartnerId, issued.Value.Serial, issued.Value.NotAfter, Now, Actor(userName), cancellationToken))
        {
            // Revoked (or gone) between the read and the update: the statement's condition decided.
            return ChannelErrors.PartnerRevoked;
        }

        AuditScope.Current?.AddDetail("tlsSerial=" + issued.Value.Serial);
        ChannelLog.Renewed(_logger, record.PartnerId, issued.Value.Serial, record.TlsSerial);
        var renewed = await _repository.GetChannelPartnerAsync(record.PartnerId, cancellationToken);
        return await ResultAsync(renewed!, issued.Value, ours.Value, cancellationToken);
    }

    /// <summary>Revokes an active partner: its TLS, signature and encryption certificates are refused from the next request on.</summary>
    public async Task<Result<ChannelPartnerView>> RevokeAsync(string? partnerId, string? reason, string? userName, CancellationToken cancellationToken)
    {
        var existing = await ActiveAsync(partnerId, cancellationToken);
        if (!existing.IsSuccess)
        {
            return existing.Error;
        }

        var why = string.IsNullOrWhiteSpace(reason) ? "unspecified" : reason.Trim();
        if (why.Length > MaxReasonLength || why.Any(char.IsControl))
        {
            return ChannelErrors.InvalidPartner.WithDetail(" The reason must be at most 256 characters without control characters.");
        }

        AuditScope.Current?.AddDetail("partner=" + partnerId);
        if (!await _repository.RevokeChannelPartnerAsync(existing.Value.PartnerId, why, Now, Actor(userName), cancellationToken))
        {
            return ChannelErrors.PartnerRevoked;
        }

        ChannelLog.Revoked(_logger, existing.Value.PartnerId);
        return View((await _repository.GetChannelPartnerAsync(existing.Value.PartnerId, cancellationToken))!);
    }

    /// <summary>One partner; KER-PCH-010 when none has this id.</summary>
    public async Task<Result<ChannelPartnerView>> GetAsync(string? partnerId, CancellationToken cancellationToken)
    {
        if (!ChannelPartnerIds.IsValidId(partnerId))
        {
            return ChannelErrors.PartnerNotFound;
        }

        var record = await _repository.GetChannelPartnerAsync(partnerId!, cancellationToken);
        return record is null ? ChannelErrors.PartnerNotFound : View(record);
    }

    /// <summary>Every partner, by id.</summary>
    public async Task<IReadOnlyList<ChannelPartnerView>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await _repository.ListChannelPartnersAsync(cancellationToken)).Select(View)];

    private async Task<Result<PartnerOnboardingResult>> TryOnboardAsync(PartnerOnboardingRequest request, string? userName, CancellationToken cancellationToken)
    {
        // Everything that can be checked without writing is checked first.
        var applicationId = string.IsNullOrWhiteSpace(request.ApplicationId) ? _options.DefaultApplicationId : request.ApplicationId.Trim();
        if (!ChannelPartnerIds.IsValidId(request.PartnerId) || !ChannelPartnerIds.IsValidOrganization(request.Organization) || !IsApplicationId(applicationId))
        {
            return ChannelErrors.InvalidPartner;
        }

        var partnerId = request.PartnerId!;
        var organization = request.Organization!.Trim();
        var domain = _trust.Domains.Validate(string.IsNullOrWhiteSpace(request.Domain) ? _options.DefaultDomain : request.Domain);
        if (!domain.IsSuccess)
        {
            return domain.Error;
        }

        var csr = TlsSigningRequest.Read(request.TlsCsr);
        if (!csr.IsSuccess)
        {
            return csr.Error;
        }

        if (await _repository.GetChannelPartnerAsync(partnerId, cancellationToken) is { } taken)
        {
            return taken.Status == ChannelPartnerRecord.Revoked ? ChannelErrors.PartnerRevoked : ChannelErrors.PartnerExists;
        }

        var bundle = CertificateInput.ParseBundle(request.CaCertificates, _trust.Options.MaxBundleCertificates);
        var signing = CertificateInput.ParseCertificate(request.SigningCertificate);
        var encryption = CertificateInput.ParseCertificate(request.EncryptionCertificate);
        if (!bundle.IsSuccess || !signing.IsSuccess || !encryption.IsSuccess)
        {
            return TrustErrors.InvalidCertificate;
        }

        var now = Now;
        if (!PartnerCaChain.Issues(bundle.Value, signing.Value, now) || !PartnerCaChain.Issues(bundle.Value, encryption.Value, now))
        {
            return ChannelErrors.NotIssuedByPartnerCa;
        }

        var ours = await _keys.EnsureAsync(applicationId, _options.EncryptionReferenceId, IsConfigured(applicationId), cancellationToken);
        if (!ours.IsSuccess)
        {
            return ours.Error;
        }

        // The writes. A CA already in the domain is fine: the partner uploads below check the path in the domain.
        var actor = Actor(userName);
        var ca = await _trust.CaCertificates.UploadAsync(request.CaCertificates, domain.Value, actor, cancellationToken);
        if (!ca.IsSuccess && ca.Error.Code != TrustErrors.CertificateExists.Code)
        {
            return ca.Error;
        }

        var signingUpload = await _trust.Partners.UploadAsync(request.SigningCertificate, organization, domain.Value, userName, cancellationToken);
        if (!signingUpload.IsSuccess)
        {
            return signingUpload.Error;
        }

        var encryptionUpload = await _trust.Partners.UploadAsync(request.EncryptionCertificate, organization, domain.Value, userName, cancellationToken);
        if (!encryptionUpload.IsSuccess)
        {
            return encryptionUpload.Error;
        }

        var issued = await _authority.IssueClientCertificateAsync(request.TlsCsr, partnerId, organization, cancellationToken);
        if (!issued.IsSuccess)
        {
            return issued.Error;
        }

        var record = new ChannelPartnerRecord(
            partnerId,
            organization,
            domain.Value,
            applicationId,
            Pem.Certificate(signing.Value),
            Pem.Certificate(encryption.Value),
            signingUpload.Value.CertificateId,
            encryptionUpload.Value.CertificateId,
            issued.Value.Serial,
            issued.Value.NotAfter,
            null,
            null,
            ChannelPartnerRecord.Active,
            null,
            now,
            actor,
            null,
            null,
            null);
        if (!await _repository.InsertChannelPartnerAsync(record, cancellationToken))
        {
            // Another request onboarded this id since the check above; the primary key decided.
            return ChannelErrors.PartnerExists;
        }

        AuditScope.Current?.AddDetail("tlsSerial=" + issued.Value.Serial);
        ChannelLog.Onboarded(_logger, partnerId, domain.Value, applicationId, issued.Value.Serial);
        return await ResultAsync(record, issued.Value, ours.Value, cancellationToken);
    }

    private async Task<Result<ChannelPartnerRecord>> ActiveAsync(string? partnerId, CancellationToken cancellationToken)
    {
        if (!ChannelPartnerIds.IsValidId(partnerId))
        {
            return ChannelErrors.PartnerNotFound;
        }

        var record = await _repository.GetChannelPartnerAsync(partnerId!, cancellationToken);
        if (record is null)
        {
            return ChannelErrors.PartnerNotFound;
        }

        return record.Status == ChannelPartnerRecord.Active ? record : ChannelErrors.PartnerRevoked;
    }

    private async Task<PartnerOnboardingResult> ResultAsync(
        ChannelPartnerRecord record, IssuedTlsCertificate issued, (X509Certificate2 Signing, X509Certificate2 Encryption) ours, CancellationToken cancellationToken)
    {
        var caChain = await _authority.GetChainAsync(cancellationToken);
        return new PartnerOnboardingResult(
            View(record),
            PemText(issued.Chain),
            PemText([ours.Signing]),
            PemText([ours.Encryption]),
            PemText(caChain));
    }

    private ChannelPartnerView View(ChannelPartnerRecord record)
    {
        var partner = ChannelPartnerDirectory.ToPartner(record, Now);
        return new ChannelPartnerView(
            record.PartnerId,
            record.Organization,
            record.Domain,
            record.ApplicationId,
            record.Status,
            record.SigningCertificatePem,
            record.EncryptionCertificatePem,
            partner.TlsCertificateSerials,
            DateTime.SpecifyKind(record.TlsNotAfter, DateTimeKind.Utc),
            record.RevokedAt,
            record.RevocationReason);
    }

    /// <summary>PEM blocks each ending in a newline, so the text is a valid file and concatenates safely.</summary>
    private static string PemText(IEnumerable<X509Certificate2> certificates) =>
        string.Concat(certificates.Select(c => Pem.Certificate(c) + "\n"));

    private bool IsConfigured(string applicationId) => string.Equals(applicationId, _options.DefaultApplicationId, StringComparison.Ordinal);

    private static bool IsApplicationId(string applicationId) =>
        applicationId is { Length: > 0 and <= 36 } && applicationId.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') &&
        applicationId is not (KeyIds.Root or PartnerTlsAuthority.ApplicationId);

    private static string Actor(string? userName) => string.IsNullOrWhiteSpace(userName) ? "SYSTEM" : userName;
}
