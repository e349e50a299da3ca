using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Providers;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Repository.Models;

/// <summary>
/// Approved makes and models (spec §4.13.3): MOSIP PMS <c>DeviceDetailDto</c> fields, each at most 36 characters, a
/// valid type/sub-type pair, owned by a DEVICE provider. Only active models admit whitelist entries.
/// </summary>
public sealed class ModelService
{
    /// <summary>PMS's column width for every field.</summary>
    public const int MaxFieldLength = 36;

    private readonly IDeviceModelStore _store;
    private readonly IDeviceProviderStore _providers;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Composes the service.</summary>
    public ModelService(IDeviceModelStore store, IDeviceProviderStore providers, IDeviceAudit audit, TimeProvider time, ILogger<ModelService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _providers = providers;
        _audit = audit;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Approves a make/model for its provider.</summary>
    public async Task<Result<DeviceModelRecord>> ApproveAsync(DeviceModelDetail detail, string principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (RepositoryInput.Principal(principal) is { } badPrincipal)
        {
            return badPrincipal;
        }

        if (Validate(detail) is { } invalid)
        {
            return invalid;
        }

        var now = _time.GetUtcNow();
        var provider = await _providers.GetProviderAsync(detail.DeviceProviderId!, cancellationToken);
        if (provider is not { IsActive: true, Kind: DeviceProviderKind.Device })
        {
            return await RefuseAsync(now, principal, detail.Id!, DeviceRepositoryErrors.ProviderNotFound, cancellationToken);
        }

        var model = new DeviceModelRecord(detail.Id!, detail.DeviceProviderId!, detail.DeviceTypeCode!, detail.DeviceSubTypeCode!, detail.Make!, detail.Model!, true, principal, now);
        if (!await _store.TryInsertModelAsync(model, cancellationToken))
        {
            return await RefuseAsync(now, principal, detail.Id!, DeviceRepositoryErrors.ModelExists, cancellationToken);
        }

        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.model.approve", principal, DeviceAuditEvent.Success, model.Id, $"provider={model.DeviceProviderId}"), cancellationToken);
        RepositoryLog.ModelChanged(_logger, model.Id, model.DeviceProviderId, "approved");
        return model;
    }

    /// <summary>Deactivates a model: its devices stay, new batches naming it are refused.</summary>
    public async Task<Result<DeviceModelRecord>> DeactivateAsync(string? id, string principal, CancellationToken cancellationToken)
    {
        if (RepositoryInput.Principal(principal) is { } badPrincipal)
        {
            return badPrincipal;
        }

        var found = await GetAsync(id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var now = _time.GetUtcNow();
        if (found.Value.IsActive)
        {
            await _store.TrySetModelActiveAsync(found.Value.Id, false, principal, now, cancellationToken);
            await _audit.RecordAsync(new DeviceAuditEvent(now, "device.model.deactivate", principal, DeviceAuditEvent.Success, found.Value.Id), cancellationToken);
            RepositoryLog.ModelChanged(_logger, found.Value.Id, found.Value.DeviceProviderId, "deactivated");
        }

        return await GetAsync(id, cancellationToken);
    }

    /// <summary>The model with this id.</summary>
    public async Task<Result<DeviceModelRecord>> GetAsync(string? id, CancellationToken cancellationToken)
    {
        if (!RepositoryPatterns.IsIdentifier(id, MaxFieldLength))
        {
            return DeviceRepositoryErrors.InvalidRequest.Format("id");
        }

        return await _store.GetModelAsync(id!, cancellationToken) is { } model ? model : DeviceRepositoryErrors.ModelNotFound;
    }

    /// <summary>Models by id, optionally of one provider.</summary>
    public async Task<IReadOnlyList<DeviceModelRecord>> ListAsync(string? providerId, CancellationToken cancellationToken) =>
        await _store.ListModelsAsync(providerId, cancellationToken);

    private static KavachError? Validate(DeviceModelDetail detail)
    {
        if (!RepositoryPatterns.IsIdentifier(detail.Id, MaxFieldLength))
        {
            return DeviceRepositoryErrors.InvalidRequest.Format("id");
        }

        if (!RepositoryPatterns.IsIdentifier(detail.DeviceProviderId, MaxFieldLength))
        {
            return DeviceRepositoryErrors.InvalidRequest.Format("deviceProviderId");
        }

        if ((RepositoryInput.Text(detail.Make, "make", MaxFieldLength) ?? RepositoryInput.Text(detail.Model, "model", MaxFieldLength)) is { } bad)
        {
            return bad;
        }

        return DeviceTypes.IsValid(detail.DeviceTypeCode, detail.DeviceSubTypeCode) ? null : DeviceRepositoryErrors.InvalidRequest.Format("deviceTypeCode/deviceSubTypeCode");
    }

    private async Task<KavachError> RefuseAsync(DateTimeOffset now, string principal, string id, KavachError error, CancellationToken cancellationToken)
    {
        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.model.approve", principal, error.Code, id), cancellationToken);
        return error;
    }
}
