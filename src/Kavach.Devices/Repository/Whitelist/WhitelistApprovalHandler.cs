using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Repository.Whitelist;

/// <summary>
/// Acts on an approved <see cref="ApprovalKind.WhitelistImport"/>: the batch's devices enter the registry as
/// Whitelisted in one transaction (<see cref="IDeviceRegistryStore.TryInsertDevicesAsync"/>), all or none, and the
/// batch is marked Approved; if any serial exists by then, none enters and the batch is marked Failed.
/// </summary>
public sealed class WhitelistApprovalHandler : IApprovalHandler
{
    private readonly IWhitelistStore _store;
    private readonly IDeviceRegistryStore _registry;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Composes the handler.</summary>
    public WhitelistApprovalHandler(IWhitelistStore store, IDeviceRegistryStore registry, IDeviceAudit audit, TimeProvider time, ILogger<WhitelistApprovalHandler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _registry = registry;
        _audit = audit;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public ApprovalKind Kind => ApprovalKind.WhitelistImport;

    /// <inheritdoc />
    public async Task<Result<string?>> OnApprovedAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var batch = await _store.GetBatchAsync(request.Subject, cancellationToken);
        if (batch is null)
        {
            return DeviceRepositoryErrors.BatchNotFound;
        }

        if (batch.State == WhitelistBatchState.Approved)
        {
            return Note(batch.EntryCount);
        }

        if (batch.State != WhitelistBatchState.Pending)
        {
            return DeviceRepositoryErrors.ApprovalAlreadyDecided;
        }

        var now = _time.GetUtcNow();
        var entries = await _store.ListEntriesAsync(batch.BatchId, cancellationToken);
        var devices = entries.Select(e => new DeviceRecord(
            e.SerialNo, null, batch.ProviderId, e.Make, e.Model, e.Type, e.DeviceSubType, e.Certification, e.Purpose, e.Env,
            e.FtmCertSha256, e.L0KeySha256, DeviceState.Whitelisted, 0, null, null, 0, false, batch.BatchId, now, 0)).ToList();
        var decidedBy = request.DecidedBy ?? request.RequestedBy;
        if (!await _registry.TryInsertDevicesAsync(devices, cancellationToken) && !await AlreadyInsertedAsync(devices, batch.BatchId, cancellationToken))
        {
            await _store.TryDecideBatchAsync(batch.BatchId, WhitelistBatchState.Failed, decidedBy, now, cancellationToken);
            await _audit.RecordAsync(new DeviceAuditEvent(now, "device.whitelist.apply", decidedBy, DeviceRepositoryErrors.BatchDuplicateSerial.Code, batch.BatchId), cancellationToken);
            return DeviceRepositoryErrors.BatchDuplicateSerial.Format("a serial entered the registry after the import");
        }

        await _store.TryDecideBatchAsync(batch.BatchId, WhitelistBatchState.Approved, decidedBy, now, cancellationToken);
        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.whitelist.apply", decidedBy, DeviceAuditEvent.Success, batch.BatchId, $"devices={devices.Count}"), cancellationToken);
        RepositoryLog.BatchApplied(_logger, batch.BatchId, devices.Count);
        return Note(devices.Count);
    }

    /// <inheritdoc />
    public async Task OnRejectedAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _store.TryDecideBatchAsync(request.Subject, WhitelistBatchState.Rejected, request.DecidedBy ?? request.RequestedBy, _time.GetUtcNow(), cancellationToken);
    }

    private static string Note(int count) => "devices=" + count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A re-run after a crash between the insert and the batch update finds its own devices: that is success.</summary>
    private async Task<bool> AlreadyInsertedAsync(IReadOnlyList<DeviceRecord> devices, string batchId, CancellationToken cancellationToken)
    {
        foreach (var device in devices)
        {
            if (await _registry.GetDeviceAsync(device.SerialNo, cancellationToken) is not { } stored || stored.BatchId != batchId)
            {
                return false;
            }
        }

        return true;
    }
}
