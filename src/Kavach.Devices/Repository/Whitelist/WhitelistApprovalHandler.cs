using Kavach.Devices.Deregistration;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Repository.Whitelist;

/// <summary>
/// Acts on an approved <see cref="ApprovalKind.WhitelistImport"/>: the batch's devices enter the registry as
/// Whitelisted in one transaction (<see cref="IWhitelistStore.TryAdmitDevicesAsync"/>), all or none, and the batch is
/// marked Approved; a serial registered as Quarantined or Deregistered is re-admitted (the new entry's digital id and
/// FTM certificate, its old certificates revoked, an audit event naming the approver and the state it left). If any
/// other serial exists by then, or a re-admitted device changed meanwhile, none enters and the batch is marked Failed.
/// The certificates a re-admission revokes get what every revocation gets (<see cref="IRevocationAftermath"/>:
/// transparency log, PMS/IDA hooks, CRL) before the batch is marked Approved; a re-run after a crash in between (the
/// approval is still Applying) finds the revocations without queued hooks and finishes them.
/// </summary>
public sealed class WhitelistApprovalHandler : IApprovalHandler
{
    private readonly IWhitelistStore _store;
    private readonly IDeviceRegistryStore _registry;
    private readonly IDeviceCertificateStore _certificates;
    private readonly IRevocationAftermath _revocations;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Composes the handler.</summary>
    public WhitelistApprovalHandler(
        IWhitelistStore store,
        IDeviceRegistryStore registry,
        IDeviceCertificateStore certificates,
        IRevocationAftermath revocations,
        IDeviceAudit audit,
        TimeProvider time,
        ILogger<WhitelistApprovalHandler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(revocations);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _registry = registry;
        _certificates = certificates;
        _revocations = revocations;
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
            e.FtmCertSha256, e.L0KeySha256, DeviceState.Whitelisted, 0, null, null, 0, false, batch.BatchId, now, 0, e.L0SecretSha256)).ToList();
        var decidedBy = request.DecidedBy ?? request.RequestedBy;
        var added = new List<DeviceRecord>(devices.Count);
        var readmitted = new List<DeviceReadmission>();
        var before = new Dictionary<string, DeviceRecord>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            if (await _registry.GetDeviceAsync(device.SerialNo, cancellationToken) is { } stored && stored.BatchId != batch.BatchId)
            {
                if (!WhitelistReadmission.CanReadmit(stored.State))
                {
                    return await FailAsync(batch.BatchId, decidedBy, now, "a serial entered the registry after the import", cancellationToken);
                }

                readmitted.Add(new DeviceReadmission(device with { Version = stored.Version + 1 }, stored.Version, stored.State, WhitelistReadmission.RevocationReason(stored.State)));
                before[device.SerialNo] = stored;
            }
            else
            {
                added.Add(device);
            }
        }

        // The certificates each re-admission will revoke, read before the batch applies (the commit revokes them).
        var live = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var readmission in readmitted)
        {
            live[readmission.Device.SerialNo] = (await _certificates.ListForDeviceAsync(readmission.Device.SerialNo, cancellationToken))
                .Where(c => c.Status is DeviceCertificateStatus.Active or DeviceCertificateStatus.Pending)
                .Select(c => c.CertSerial)
                .ToHashSet(StringComparer.Ordinal);
        }

        if (await _store.TryAdmitDevicesAsync(added, readmitted, cancellationToken))
        {
            foreach (var readmission in readmitted)
            {
                var device = readmission.Device;
                await _audit.RecordAsync(
                    new DeviceAuditEvent(now, "device.whitelist.readmit", decidedBy, DeviceAuditEvent.Success, device.SerialNo, $"batch={batch.BatchId} from={readmission.From} revokeReason={readmission.RevokeReason}"),
                    cancellationToken);
                RepositoryLog.DeviceReadmitted(_logger, device.SerialNo, batch.BatchId, readmission.From.ToString());
                var revoked = (await _certificates.ListForDeviceAsync(device.SerialNo, cancellationToken))
                    .Where(c => c.Status == DeviceCertificateStatus.Revoked && live[device.SerialNo].Contains(c.CertSerial))
                    .ToList();

                // Recorded under the device's facts as the certificates knew them (its old FTM chip), in its new state.
                await _revocations.RecordAsync(before[device.SerialNo] with { State = device.State }, revoked, readmission.RevokeReason, device.UpdatedAt, cancellationToken);
            }
        }
        else if (await AlreadyInsertedAsync(devices, batch.BatchId, cancellationToken))
        {
            await FinishInterruptedAsync(batch, devices, decidedBy, cancellationToken);
        }
        else
        {
            return await FailAsync(batch.BatchId, decidedBy, now, "a serial entered the registry after the import", cancellationToken);
        }

        await _store.TryDecideBatchAsync(batch.BatchId, WhitelistBatchState.Approved, decidedBy, now, cancellationToken);
        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.whitelist.apply", decidedBy, DeviceAuditEvent.Success, batch.BatchId, $"devices={devices.Count}"), cancellationToken);
        RepositoryLog.BatchApplied(_logger, batch.BatchId, devices.Count);
        return Note(devices.Count);
    }

    private async Task<Result<string?>> FailAsync(string batchId, string decidedBy, DateTimeOffset now, string detail, CancellationToken cancellationToken)
    {
        await _store.TryDecideBatchAsync(batchId, WhitelistBatchState.Failed, decidedBy, now, cancellationToken);
        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.whitelist.apply", decidedBy, DeviceRepositoryErrors.BatchDuplicateSerial.Code, batchId), cancellationToken);
        return DeviceRepositoryErrors.BatchDuplicateSerial.Format(detail);
    }

    /// <inheritdoc />
    public async Task OnRejectedAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _store.TryDecideBatchAsync(request.Subject, WhitelistBatchState.Rejected, request.DecidedBy ?? request.RequestedBy, _time.GetUtcNow(), cancellationToken);
    }

    private static string Note(int count) => "devices=" + count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A re-run after a crash between the batch's commit and its approval: a certificate of the batch's devices revoked
    /// since the import with no deactivation hook queued since is a re-admission whose aftermath did not finish (with
    /// hooks unconfigured it cannot tell, and logs the revocation again: at least once). The record left before the batch
    /// is gone by then: the log entry names the new entry's FTM chip.
    /// </summary>
    private async Task FinishInterruptedAsync(WhitelistBatchRecord batch, IReadOnlyList<DeviceRecord> devices, string decidedBy, CancellationToken cancellationToken)
    {
        foreach (var entry in devices)
        {
            var device = await _registry.GetDeviceAsync(entry.SerialNo, cancellationToken) ?? entry;
            var revoked = (await _certificates.ListForDeviceAsync(device.SerialNo, cancellationToken))
                .Where(c => c is { Status: DeviceCertificateStatus.Revoked, RevokedAt: { } at } && at >= batch.ImportedAt)
                .ToList();
            if (revoked.Count == 0 || await _revocations.HooksQueuedSinceAsync(device.SerialNo, revoked.Min(c => c.RevokedAt!.Value), cancellationToken))
            {
                continue;
            }

            var reason = revoked[0].Reason ?? WhitelistReadmission.RevocationReason(DeviceState.Deregistered);
            await _audit.RecordAsync(
                new DeviceAuditEvent(revoked[0].RevokedAt!.Value, "device.whitelist.readmit", decidedBy, DeviceAuditEvent.Success, device.SerialNo, $"batch={batch.BatchId} resumed=true revokeReason={reason}"),
                cancellationToken);
            await _revocations.RecordAsync(device, revoked, reason, revoked[0].RevokedAt!.Value, cancellationToken);
        }
    }

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
