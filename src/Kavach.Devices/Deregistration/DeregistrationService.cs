using System.Text.Json;
using Kavach.Devices.Authority;
using Kavach.Devices.Hooks;
using Kavach.Devices.Messaging;
using Kavach.Devices.Policy;
using Kavach.Devices.Protocol;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Transparency;
using Kavach.Keys.Errors;
using Kavach.Trust.Channel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Deregistration;

/// <summary>
/// De-registration and compromise of a device (spec §4.10). An administrator requests a de-registration (a four-eyes
/// <see cref="ApprovalKind.Deregistration"/> request); on approval <see cref="DeregistrationApprovalHandler"/> makes the
/// device Deregistering and queues <c>deregister{reason}</c>; the device's <c>dereg-ack</c>
/// (<see cref="AcknowledgeAsync"/>) — or the 7-day deadline (<see cref="RevokeOverdueAsync"/>, the daily job) — ends
/// it: certificates revoked <c>cessationOfOperation</c>, device Deregistered, CRL republished, transparency log entries
/// and the PMS/IDA hooks queued. A compromise (<see cref="CompromiseAsync"/>) does the same at once with
/// <c>keyCompromise</c> and leaves the device Quarantined; it enrols again only after a new whitelist approval.
/// </summary>
public sealed partial class DeregistrationService
{
    private const int MaxSerialLength = 64;

    private static readonly HashSet<DeviceState> Deregistering = [DeviceState.Deregistering];

    // Every state in which the device may hold a live certificate or be about to get one.
    private static readonly HashSet<DeviceState> Compromisable =
        [DeviceState.PendingApproval, DeviceState.PendingConfirm, DeviceState.Active, DeviceState.Deregistering, DeviceState.Expired, DeviceState.Quarantined];

    private readonly IDeregistrationStore _store;
    private readonly IDeviceRegistryStore _registry;
    private readonly IDeviceCertificateStore _certificates;
    private readonly ApprovalService _approvals;
    private readonly DeviceRevocation _revocation;
    private readonly UplinkReader _reader;
    private readonly DeviceMessageGate _gate;
    private readonly IReplayLedger _ledger;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly DeregistrationOptions _options;
    private readonly DeviceMessageGateOptions _gateOptions;
    private readonly ILogger _logger;

    /// <summary>Composes the service.</summary>
    /// <param name="store">De-registration requests.</param>
    /// <param name="registry">The device registry.</param>
    /// <param name="certificates">The device certificates.</param>
    /// <param name="approvals">Four-eyes approvals (the <see cref="DeregistrationApprovalHandler"/> is registered with it).</param>
    /// <param name="ca">CRL publication.</param>
    /// <param name="log">The transparency log.</param>
    /// <param name="hooks">The outbound hooks.</param>
    /// <param name="keys">The server's message keys (reads the FTM-signed acknowledgement of an L1 device).</param>
    /// <param name="gate">The enrolled-device gate (reads the device-key-signed acknowledgement of an L0 device).</param>
    /// <param name="ledger">The replay ledger the gate shares.</param>
    /// <param name="audit">The audit trail.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">Deadlines; defaults when null.</param>
    /// <param name="gateOptions">The gate's limits (time window, replay retention); defaults when null.</param>
    /// <param name="logger">Operational log.</param>
    public DeregistrationService(
        IDeregistrationStore store,
        IDeviceRegistryStore registry,
        IDeviceCertificateStore certificates,
        ApprovalService approvals,
        IDeviceCaMaintenance ca,
        TransparencyLog log,
        HookPublisher hooks,
        IDeviceServerKeys keys,
        DeviceMessageGate gate,
        IReplayLedger ledger,
        IDeviceAudit audit,
        TimeProvider time,
        DeregistrationOptions? options = null,
        DeviceMessageGateOptions? gateOptions = null,
        ILogger<DeregistrationService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(approvals);
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(hooks);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _registry = registry;
        _certificates = certificates;
        _approvals = approvals;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _revocation = new DeviceRevocation(registry, certificates, new RevocationAftermath(ca, log, hooks, _logger), audit, time, _logger);
        _gateOptions = (gateOptions ?? new DeviceMessageGateOptions()).Validate();
        _reader = new UplinkReader(keys, time, _gateOptions.Reader);
        _gate = gate;
        _ledger = ledger;
        _audit = audit;
        _time = time;
        _options = (options ?? new DeregistrationOptions()).Validate();
    }

    /// <summary>
    /// Opens a de-registration of an Active device, asked by <paramref name="principal"/> with <paramref name="reason"/>
    /// (sent to the device), and its four-eyes request; nothing changes for the device until a second administrator
    /// approves it through <see cref="ApprovalService.ApproveAsync"/>.
    /// </summary>
    public async Task<Result<DeregistrationRecord>> RequestAsync(string serialNo, string reason, string principal, CancellationToken cancellationToken)
    {
        if (Invalid(serialNo, reason, principal) is { } invalid)
        {
            return invalid;
        }

        var now = _time.GetUtcNow();
        var device = await _registry.GetDeviceAsync(serialNo, cancellationToken);
        KavachError? refusal = device is null ? DeregistrationErrors.DeviceNotFound
            : device.State != DeviceState.Active ? DeregistrationErrors.DeviceNotEligible
            : await _store.GetOpenDeregistrationAsync(serialNo, cancellationToken) is not null ? DeregistrationErrors.AlreadyOpen
            : null;
        if (refusal is not null)
        {
            await AuditAsync(now, "device.deregister.request", principal, refusal.Code, serialNo, null, cancellationToken);
            return refusal;
        }

        var id = Guid.NewGuid().ToString();
        var approval = await _approvals.RequestAsync(ApprovalKind.Deregistration, serialNo, Payload(id, reason), principal, cancellationToken);
        if (!approval.IsSuccess)
        {
            return approval.Error;
        }

        var record = new DeregistrationRecord(id, serialNo, reason, DeregistrationState.Requested, principal, now, approval.Value.Id);
        if (!await _store.TryInsertDeregistrationAsync(record, cancellationToken))
        {
            // A racing request won; this approval request then fails as stale when approved.
            await AuditAsync(now, "device.deregister.request", principal, DeregistrationErrors.AlreadyOpen.Code, serialNo, null, cancellationToken);
            return DeregistrationErrors.AlreadyOpen;
        }

        await AuditAsync(now, "device.deregister.request", principal, DeviceAuditEvent.Success, serialNo, $"id={id} approval={approval.Value.Id}", cancellationToken);
        DeregistrationLog.Requested(_logger, id, serialNo, approval.Value.Id);
        return record;
    }

    /// <summary>The de-registration with this id.</summary>
    public async Task<Result<DeregistrationRecord>> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (RepositoryInput.Text(id, "id", 64) is not null)
        {
            return DeregistrationErrors.InvalidRequest.Format("id");
        }

        return await _store.GetDeregistrationAsync(id, cancellationToken) is { } record ? record : DeregistrationErrors.DeviceNotFound;
    }

    /// <summary>The device's open de-registration (Requested or Deregistering), if any.</summary>
    public Task<DeregistrationRecord?> GetOpenAsync(string serialNo, CancellationToken cancellationToken) =>
        _store.GetOpenDeregistrationAsync(serialNo, cancellationToken);

    /// <summary>
    /// For the daily job: every de-registering device whose deadline passed without an acknowledgement is revoked
    /// (<c>cessationOfOperation</c>) and Deregistered anyway. Returns how many were completed.
    /// </summary>
    public async Task<int> RevokeOverdueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var completed = 0;
        foreach (var record in await _store.ListOverdueDeregistrationsAsync(now, _options.OverdueBatch, cancellationToken))
        {
            var device = await _revocation.RevokeAsync(
                record.SerialNo, Deregistering, DeviceState.Deregistered, DeregistrationOutcomes.CessationOfOperation, DeregistrationOutcomes.Overdue,
                OperationsActors.System, "device.deregister.overdue", cancellationToken);

            // A device that already left Deregistering (compromised meanwhile) just closes its request.
            var outcome = device is null ? DeregistrationOutcomes.Abandoned : DeregistrationOutcomes.Overdue;
            if (await CompleteAsync(record, outcome, now, cancellationToken) && device is not null)
            {
                completed++;
            }
        }

        return completed;
    }

    /// <summary>
    /// Declares a device compromised (stolen key or clone), as one administrator and at once: every live certificate is
    /// revoked <c>keyCompromise</c>, the device is Quarantined, the CRL republished, the log entries and hooks queued,
    /// and an open de-registration closed. A Quarantined device enrols again only after a new whitelist approval.
    /// </summary>
    public async Task<Result<DeviceRecord>> CompromiseAsync(string serialNo, string reason, string principal, CancellationToken cancellationToken)
    {
        if (Invalid(serialNo, reason, principal) is { } invalid)
        {
            return invalid;
        }

        var now = _time.GetUtcNow();
        var device = await _revocation.RevokeAsync(
            serialNo, Compromisable, DeviceState.Quarantined, DeregistrationOutcomes.KeyCompromise, DeregistrationOutcomes.Compromised,
            principal, "device.compromise", cancellationToken);
        if (device is null)
        {
            var exists = await _registry.GetDeviceAsync(serialNo, cancellationToken) is not null;
            var error = exists ? DeregistrationErrors.DeviceNotEligible : DeregistrationErrors.DeviceNotFound;
            await AuditAsync(now, "device.compromise", principal, error.Code, serialNo, null, cancellationToken);
            return error;
        }

        if (await _store.GetOpenDeregistrationAsync(serialNo, cancellationToken) is { } open)
        {
            await CompleteAsync(open, DeregistrationOutcomes.Compromised, now, cancellationToken);
        }

        return device;
    }

    private static KavachError? Invalid(string serialNo, string reason, string principal) =>
        RepositoryInput.Text(serialNo, "serialNo", MaxSerialLength) is not null || !ProtocolValuesSerial(serialNo) ? DeregistrationErrors.InvalidRequest.Format("serialNo")
        : RepositoryInput.Text(reason, "reason", DeregistrationOptions.MaxReasonLength) is not null ? DeregistrationErrors.InvalidRequest.Format("reason")
        : RepositoryInput.Principal(principal) is not null ? DeregistrationErrors.InvalidRequest.Format("principal")
        : null;

    private static bool ProtocolValuesSerial(string serialNo) => Protocol.Messages.ProtocolValues.IsSerialNo(serialNo);

    private static string Payload(string id, string reason)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("deregistrationId", id);
            writer.WriteString("reason", reason);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private async Task<bool> CompleteAsync(DeregistrationRecord record, string outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = record.State;
        var done = record with { State = DeregistrationState.Completed, CompletedAt = now, Outcome = outcome };
        return from is DeregistrationState.Requested or DeregistrationState.Deregistering
            && await _store.TryUpdateDeregistrationAsync(done, from, cancellationToken);
    }

    private ValueTask AuditAsync(DateTimeOffset time, string operation, string actor, string outcome, string? subject, string? detail, CancellationToken cancellationToken) =>
        _audit.RecordAsync(new DeviceAuditEvent(time, operation, actor, outcome, subject, detail), cancellationToken);
}
