using Kavach.Devices.Registry;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Repository.Providers;

/// <summary>
/// Device and FTM providers (spec §1.7, §4.5): registered by their exact PMS organisation name, with their CA chains in
/// the trust store under domain DEVICE or FTM. Every change is audited.
/// </summary>
public sealed class ProviderService
{
    /// <summary>Longest provider id (PMS).</summary>
    public const int MaxProviderIdLength = 36;

    /// <summary>Longest organisation name.</summary>
    public const int MaxOrganizationLength = 128;

    private readonly IDeviceProviderStore _store;
    private readonly IProviderTrust _trust;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Composes the service.</summary>
    public ProviderService(IDeviceProviderStore store, IProviderTrust trust, IDeviceAudit audit, TimeProvider time, ILogger<ProviderService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _trust = trust;
        _audit = audit;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Registers a provider and, when the request carries them, uploads its CA certificates into its kind's domain
    /// first (a refused chain registers nothing).
    /// </summary>
    public async Task<Result<DeviceProviderRecord>> AddAsync(AddProviderRequest request, string principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RepositoryInput.Principal(principal) is { } badPrincipal)
        {
            return badPrincipal;
        }

        if (!RepositoryPatterns.IsIdentifier(request.ProviderId, MaxProviderIdLength))
        {
            return DeviceRepositoryErrors.InvalidRequest.Format("providerId");
        }

        if (RepositoryInput.Text(request.OrganizationName, "organizationName", MaxOrganizationLength) is { } badOrganization)
        {
            return badOrganization;
        }

        if (!DeviceProviderKinds.TryParse(request.Kind, out var kind))
        {
            return DeviceRepositoryErrors.InvalidRequest.Format("kind");
        }

        var providerId = request.ProviderId!;
        var now = _time.GetUtcNow();
        if (await _store.GetProviderAsync(providerId, cancellationToken) is not null)
        {
            return await RefuseAsync(now, principal, providerId, DeviceRepositoryErrors.ProviderExists, cancellationToken);
        }

        if (request.CaCertificates is { Length: > 0 } certificates)
        {
            var uploaded = await _trust.UploadCaAsync(certificates, kind.ToDomain(), principal, cancellationToken);
            if (!uploaded.IsSuccess)
            {
                return await RefuseAsync(now, principal, providerId, DeviceRepositoryErrors.ProviderCaRefused.Format(uploaded.Error.Code), cancellationToken);
            }
        }

        var provider = new DeviceProviderRecord(providerId, request.OrganizationName!, kind, true, principal, now);
        if (!await _store.TryInsertProviderAsync(provider, cancellationToken))
        {
            return await RefuseAsync(now, principal, providerId, DeviceRepositoryErrors.ProviderExists, cancellationToken);
        }

        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.provider.add", principal, DeviceAuditEvent.Success, providerId, $"kind={kind.ToDomain()}"), cancellationToken);
        RepositoryLog.ProviderAdded(_logger, providerId, kind.ToDomain());
        return provider;
    }

    /// <summary>Uploads more CA certificates (a new sub-CA, a renewed root) for an existing provider into its kind's domain.</summary>
    public async Task<Result<string>> UploadCaAsync(string providerId, string certificateData, string principal, CancellationToken cancellationToken)
    {
        if (RepositoryInput.Principal(principal) is { } badPrincipal)
        {
            return badPrincipal;
        }

        if (string.IsNullOrWhiteSpace(certificateData))
        {
            return DeviceRepositoryErrors.InvalidRequest.Format("certificateData");
        }

        var provider = await GetAsync(providerId, cancellationToken);
        if (!provider.IsSuccess)
        {
            return provider.Error;
        }

        var now = _time.GetUtcNow();
        var uploaded = await _trust.UploadCaAsync(certificateData, provider.Value.Kind.ToDomain(), principal, cancellationToken);
        if (!uploaded.IsSuccess)
        {
            return await RefuseAsync(now, principal, providerId, DeviceRepositoryErrors.ProviderCaRefused.Format(uploaded.Error.Code), cancellationToken);
        }

        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.provider.ca", principal, DeviceAuditEvent.Success, providerId, $"domain={provider.Value.Kind.ToDomain()}"), cancellationToken);
        return uploaded;
    }

    /// <summary>The provider with this id.</summary>
    public async Task<Result<DeviceProviderRecord>> GetAsync(string? providerId, CancellationToken cancellationToken)
    {
        if (!RepositoryPatterns.IsIdentifier(providerId, MaxProviderIdLength))
        {
            return DeviceRepositoryErrors.InvalidRequest.Format("providerId");
        }

        return await _store.GetProviderAsync(providerId!, cancellationToken) is { } provider ? provider : DeviceRepositoryErrors.ProviderNotFound;
    }

    /// <summary>Every provider, by id.</summary>
    public async Task<IReadOnlyList<DeviceProviderRecord>> ListAsync(CancellationToken cancellationToken) =>
        await _store.ListProvidersAsync(cancellationToken);

    private async Task<KavachError> RefuseAsync(DateTimeOffset now, string principal, string providerId, KavachError error, CancellationToken cancellationToken)
    {
        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.provider.add", principal, error.Code, providerId), cancellationToken);
        return error;
    }
}
