using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Trust.Certificates;
using Kavach.Trust.Domains;
using Kavach.Trust.Errors;
using Kavach.Trust.Paths;
using Kavach.Trust.Storage;

namespace Kavach.Trust.Authorities;

/// <summary><c>getCaCertificates</c> and <c>getCACertificateTrustPath/{caCertId}</c> (spec §6.4).</summary>
public sealed class CaCertificateQueryService
{
    private readonly ITrustRepository _repository;
    private readonly PartnerDomains _domains;
    private readonly TrustPathService _paths;
    private readonly KeyRing _ring;
    private readonly IKeyStore _keys;
    private readonly TrustOptions _options;
    private readonly TimeProvider _time;

    internal CaCertificateQueryService(ITrustRepository repository, PartnerDomains domains, TrustPathService paths, KeyRing ring, IKeyStore keys, TrustOptions options, TimeProvider time)
    {
        _repository = repository;
        _domains = domains;
        _paths = paths;
        _ring = ring;
        _keys = keys;
        _options = options;
        _time = time;
    }

    /// <summary>One page of CA certificates. KER-PCM-018 for an unknown type, KER-PCM-011 for a bad domain, KER-KMS-005 for an unknown sort field or a filter over <see cref="CaCertificateListRequest.MaxFilterLength"/>.</summary>
    public async Task<Result<CaCertificateList>> ListAsync(CaCertificateListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? type = null;
        if (!string.IsNullOrWhiteSpace(request.CaCertificateType))
        {
            type = request.CaCertificateType.Trim().ToUpperInvariant();
            if (type is not CaCertificateRecord.Root and not CaCertificateRecord.Intermediate)
            {
                return TrustErrors.InvalidCaCertificateType;
            }
        }

        string? domain = null;
        if (!string.IsNullOrWhiteSpace(request.PartnerDomain))
        {
            var validated = _domains.Validate(request.PartnerDomain);
            if (!validated.IsSuccess)
            {
                return validated.Error;
            }

            domain = validated.Value;
        }

        foreach (var (field, value) in new[] { ("certId", request.CertId), ("issuedTo", request.IssuedTo), ("issuedBy", request.IssuedBy) })
        {
            if (value is not null && (value.Length > CaCertificateListRequest.MaxFilterLength || value.Contains('\0', StringComparison.Ordinal)))
            {
                return ErrorCodes.InvalidRequest with { Message = $"Invalid request: {field} is longer than {CaCertificateListRequest.MaxFilterLength} characters or holds U+0000" };
            }
        }

        if (!CaCertificateSortFields.TryParse(request.SortByFieldName, out var sortField))
        {
            return ErrorCodes.InvalidRequest with { Message = "Invalid request: sortByFieldName is not a sortable field" };
        }

        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var query = new CaCertificateQuery
        {
            CaCertificateType = type,
            PartnerDomain = domain,
            CertIdContains = Blank(request.CertId),
            IssuedToContains = Blank(request.IssuedTo),
            IssuedByContains = Blank(request.IssuedBy),
            ValidFromDay = Day(request.ValidFromDate),
            ValidTillDay = Day(request.ValidTillDate),
            UploadDay = Day(request.UploadTime),
            ExpiringFromDay = request.ExpiringWithinDate is null ? null : today,
            ExpiringUntilDay = Day(request.ExpiringWithinDate),
            ExcludedThumbprints = request.ExcludeMosipCa ? await OwnCaThumbprintsAsync(cancellationToken) : [],
            SortField = sortField,
            Descending = string.Equals(request.SortOrder?.Trim(), "DESC", StringComparison.OrdinalIgnoreCase),
            PageNumber = request.PageNumber < 1 ? 1 : request.PageNumber,
            PageSize = request.PageSize < 1 ? 10 : request.PageSize,
        };

        var page = await _repository.QueryCaCertificatesAsync(query, cancellationToken);
        var now = _time.GetUtcNow().UtcDateTime;
        var rows = page.Items.Select(r => new CaCertificateListItem(r, now >= r.NotBefore && now <= r.NotAfter)).ToList();
        var totalPages = (int)Math.Min(int.MaxValue, (page.TotalRecords + query.PageSize - 1) / query.PageSize);
        return new CaCertificateList(query.PageNumber, query.PageSize, page.TotalRecords, totalPages, rows);
    }

    /// <summary>
    /// The trust path of a stored CA certificate as a PEM PKCS#7: just the certificate for a root, else the path in
    /// its domain — empty when it has none (any more), as MOSIP answers. KER-PCM-010 for a blank id, KER-PMS-019 for an unknown one.
    /// </summary>
    public async Task<Result<string>> GetTrustPathAsync(string? caCertId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(caCertId))
        {
            return TrustErrors.InvalidCertificateId;
        }

        var row = await _repository.GetCaCertificateAsync(caCertId.Trim(), cancellationToken);
        if (row is null)
        {
            return TrustErrors.CaCertificateNotFound;
        }

        var parsed = CertificateInput.ParseCertificate(row.CertificatePem);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var certificate = parsed.Value;
        IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> chain = CertificateFacts.IsSelfSigned(certificate)
            ? [certificate]
            : (await _paths.EvaluateAsync(certificate, row.PartnerDomain, cancellationToken)).Path;
        return Pem.Pkcs7(CertsOnlyPkcs7.Encode(chain));
    }

    /// <summary>The SHA-1 thumbprints of every certificate of our ROOT and PMS keys (MOSIP's <c>excludeMosipCA</c>).</summary>
    internal async Task<IReadOnlyCollection<string>> OwnCaThumbprintsAsync(CancellationToken cancellationToken)
    {
        var thumbprints = new List<string>();
        foreach (var appId in new[] { KeyIds.Root, _options.SignApplicationId })
        {
            foreach (var alias in await _keys.GetAliasesAsync(appId, string.Empty, cancellationToken))
            {
                var loaded = await _ring.LoadAsync(alias, KeyClassifier.Classify(appId, string.Empty), cancellationToken);
                if (loaded.IsSuccess)
                {
                    thumbprints.Add(CertificateFacts.Thumbprint(loaded.Value.Certificate));
                }
            }
        }

        return thumbprints;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? Day(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;
}
