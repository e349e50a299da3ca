using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;
using Kavach.Devices.Commands;
using Kavach.Devices.Registry;
using Kavach.Trust.Storage;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Policy;

/// <summary>
/// One day's device policy run (spec §4.8): rotation due, expiry, stale devices, overdue commands and rotations,
/// unconfirmed certificates, device CA / FTM root / server signing certificate expiry, CRL publication, and a report
/// in the audit trail, the log and the run table. At most one replica runs a given day: the run starts by inserting
/// the day's row (<see cref="IDailyJobRunStore.TryClaimRunAsync"/>). A failing step is reported and the others run.
/// A run waits for the host's readiness (<see cref="IDeviceHostReadiness"/>) before it claims the day: at start the
/// key hierarchy (ROOT, the device CA) may not exist yet, and a run then would only log failures of the start order.
/// </summary>
public sealed class DailyPolicyJob
{
    /// <summary>The job's name in the run table.</summary>
    public const string JobName = "device-policy";

    private const int PageSize = 500;

    private readonly IDailyJobRunStore _runs;
    private readonly IDeviceRegistryStore _registry;
    private readonly IDeviceCertificateStore _certificates;
    private readonly DeviceCommandService _commands;
    private readonly IDeviceCaMaintenance _ca;
    private readonly IDeviceCaCertificates _caCertificates;
    private readonly IDeviceServerKeys _serverKeys;
    private readonly ITrustRepository _trust;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly DevicePolicyOptions _options;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IDailyPolicyStep> _steps;
    private readonly IDeviceHostReadiness? _readiness;

    /// <summary>Creates the job.</summary>
    public DailyPolicyJob(
        IDailyJobRunStore runs,
        IDeviceRegistryStore registry,
        IDeviceCertificateStore certificates,
        DeviceCommandService commands,
        IDeviceCaMaintenance ca,
        IDeviceCaCertificates caCertificates,
        IDeviceServerKeys serverKeys,
        ITrustRepository trust,
        IDeviceAudit audit,
        TimeProvider time,
        DevicePolicyOptions options,
        ILogger<DailyPolicyJob> logger,
        IEnumerable<IDailyPolicyStep>? steps = null,
        IDeviceHostReadiness? readiness = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _runs = runs;
        _registry = registry;
        _certificates = certificates;
        _commands = commands;
        _ca = ca;
        _caCertificates = caCertificates;
        _serverKeys = serverKeys;
        _trust = trust;
        _audit = audit;
        _time = time;
        _options = options;
        _logger = logger;
        _steps = steps?.ToList() ?? [];
        _readiness = readiness;
    }

    /// <summary>The options in force.</summary>
    public DevicePolicyOptions Options => _options;

    /// <summary>Runs today's (UTC) policy if no replica has; null when one had. Waits for the host's readiness first.</summary>
    public async Task<DailyPolicyReport?> RunIfDueAsync(CancellationToken cancellationToken)
    {
        if (_readiness is not null)
        {
            await _readiness.WhenReadyAsync(cancellationToken);
        }

        var now = _time.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!await _runs.TryClaimRunAsync(JobName, day, _options.NodeName, now, cancellationToken))
        {
            PolicyLog.AlreadyClaimed(_logger, dayText, _options.NodeName);
            return null;
        }

        PolicyLog.Claimed(_logger, dayText, _options.NodeName);
        var run = new Run();
        await StepAsync("devices", run, () => CheckDevicesAsync(now, run, cancellationToken));
        await StepAsync("commands", run, async () => run.CommandsSettled = await _commands.SweepAsync(null, cancellationToken));
        await StepAsync("unconfirmed", run, async () => run.UnconfirmedRevoked = await _ca.RevokeUnconfirmedAsync(now, cancellationToken));
        foreach (var step in _steps)
        {
            await StepAsync(step.Name, run, async () => run.Steps.Add(new(step.Name, await step.RunAsync(cancellationToken))));
        }

        await StepAsync("expiry", run, () => CheckAuthorityExpiryAsync(now, run, cancellationToken));
        await StepAsync("crl", run, async () => run.CrlNumber = await _ca.PublishCrlAsync(cancellationToken));

        var report = new DailyPolicyReport(day, run.DevicesChecked, run.RotationsDue, run.Expired, run.Stale, run.UnconfirmedRevoked, run.CommandsSettled, run.Warnings, run.CrlNumber, run.Failures) { Steps = run.Steps };
        var outcome = run.Failures.Count == 0 ? "OK" : "ERROR";
        PolicyLog.Report(_logger, dayText, report.Summary);
        await _audit.RecordAsync(new DeviceAuditEvent(_time.GetUtcNow(), "device.policy.daily", OperationsActors.System, outcome, null, $"day={dayText} node={_options.NodeName} " + report.Summary), cancellationToken);
        await _runs.CompleteRunAsync(JobName, day, outcome, report.Summary, _time.GetUtcNow(), cancellationToken);
        return report;
    }

    private async Task StepAsync(string name, Run run, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One broken step (the CA unreachable, say) must not keep the others from running today.
            PolicyLog.StepFailed(_logger, e, name);
            run.Failures.Add(name);
        }
    }

    private async Task CheckDevicesAsync(DateTimeOffset now, Run run, CancellationToken cancellationToken)
    {
        string? after = null;
        var staleBefore = now - TimeSpan.FromDays(_options.StaleDays);
        while (true)
        {
            var page = await _registry.ListDevicesAsync(new DeviceQuery(State: DeviceState.Active, AfterSerialNo: after, Limit: PageSize), cancellationToken);
            foreach (var device in page)
            {
                run.DevicesChecked++;
                await CheckDeviceAsync(device, now, run, cancellationToken);
                if ((device.LastCheckin ?? device.UpdatedAt) < staleBefore)
                {
                    run.Stale++;
                    PolicyLog.Stale(_logger, device.SerialNo, device.LastCheckin);
                    await _audit.RecordAsync(new DeviceAuditEvent(now, "device.policy.stale", OperationsActors.System, "OK", device.SerialNo, "lastCheckin=" + (device.LastCheckin?.ToString("O", CultureInfo.InvariantCulture) ?? "never")), cancellationToken);
                }
            }

            if (page.Count < PageSize)
            {
                return;
            }

            after = page[^1].SerialNo;
        }
    }

    private async Task CheckDeviceAsync(DeviceRecord device, DateTimeOffset now, Run run, CancellationToken cancellationToken)
    {
        // A replica's concurrent update (a check-in) bumps the version: re-read and decide again, a few times at most.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var certificates = await _certificates.ListForDeviceAsync(device.SerialNo, cancellationToken);
            var active = certificates.FirstOrDefault(c => c.Status == DeviceCertificateStatus.Active);
            if (active is null)
            {
                return;
            }

            var verdict = DeviceCertificatePolicy.Evaluate(active, now, _options);
            DeviceRecord updated;
            string operation;
            if (verdict == CertificateVerdict.Expired)
            {
                updated = device with { State = DeviceState.Expired, RotationDue = false, UpdatedAt = now };
                operation = "device.policy.expired";
            }
            else if (verdict is CertificateVerdict.RotateByAge or CertificateVerdict.RotateBeforeExpiry && !device.RotationDue)
            {
                updated = device with { RotationDue = true, UpdatedAt = now };
                operation = "device.policy.rotation-due";
            }
            else
            {
                return;
            }

            if (await _registry.TryUpdateDeviceAsync(updated, device.Version, cancellationToken))
            {
                if (verdict == CertificateVerdict.Expired)
                {
                    run.Expired++;
                }
                else
                {
                    run.RotationsDue++;
                }

                await _audit.RecordAsync(new DeviceAuditEvent(now, operation, OperationsActors.System, "OK", device.SerialNo, $"certSerial={active.CertSerial} verdict={verdict}"), cancellationToken);
                return;
            }

            var reread = await _registry.GetDeviceAsync(device.SerialNo, cancellationToken);
            if (reread is not { State: DeviceState.Active })
            {
                return;
            }

            device = reread;
        }
    }

    private async Task CheckAuthorityExpiryAsync(DateTimeOffset now, Run run, CancellationToken cancellationToken)
    {
        var anchors = await _caCertificates.GetTrustAnchorsAsync(cancellationToken);
        foreach (var ca in anchors.IssuingCas)
        {
            Warn(run, "deviceCA", ca, now, _options.CaWarningDays);
        }

        Warn(run, "root", anchors.Root, now, _options.CaWarningDays);
        var signing = await _serverKeys.GetSigningChainAsync(cancellationToken);
        if (signing.Count > 0)
        {
            Warn(run, "serverSigning", signing[0], now, _options.CertificateWarningDays);
        }

        foreach (var ftm in await _trust.GetCaCertificatesAsync("FTM", cancellationToken))
        {
            var left = new DateTimeOffset(ftm.NotAfter, TimeSpan.Zero) - now;
            if (left <= TimeSpan.FromDays(_options.CertificateWarningDays))
            {
                AddWarning(run, $"ftmRoot subject={ftm.Subject} thumbprint={ftm.Thumbprint} daysLeft={Math.Floor(left.TotalDays).ToString(CultureInfo.InvariantCulture)}");
            }
        }

        foreach (var warning in run.Warnings)
        {
            await _audit.RecordAsync(new DeviceAuditEvent(now, "device.policy.expiry-warning", OperationsActors.System, "OK", null, warning), cancellationToken);
        }
    }

    private void Warn(Run run, string what, X509Certificate2 certificate, DateTimeOffset now, int warningDays)
    {
        var left = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero) - now;
        if (left <= TimeSpan.FromDays(warningDays))
        {
            AddWarning(run, $"{what} subject={certificate.Subject} thumbprint={certificate.Thumbprint} daysLeft={Math.Floor(left.TotalDays).ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private void AddWarning(Run run, string warning)
    {
        PolicyLog.ExpiryWarning(_logger, warning);
        run.Warnings.Add(warning);
    }

    private sealed class Run
    {
        public int DevicesChecked { get; set; }

        public int RotationsDue { get; set; }

        public int Expired { get; set; }

        public int Stale { get; set; }

        public int UnconfirmedRevoked { get; set; }

        public int CommandsSettled { get; set; }

        public long? CrlNumber { get; set; }

        public List<string> Warnings { get; } = [];

        public List<KeyValuePair<string, int>> Steps { get; } = [];

        public List<string> Failures { get; } = [];
    }
}
