using System.Text;
using Kavach.Devices.Protocol;
using Kavach.Devices.Registry;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Enrolment;

/// <summary>
/// Enrolment events in the hash-chained audit trail (operations <c>device.enrol.*</c>) and the debug log: the device
/// serial, the outcome and, on a refusal, the reason the device is never told. Serials, certificate serials and hashes
/// only: no digital-id payload, key or token goes in.
/// </summary>
internal sealed partial class EnrolmentAudit
{
    /// <summary>A challenge nonce was handed out.</summary>
    public const string Challenge = "device.enrol.challenge";

    /// <summary>An enrolment (L1 or L0).</summary>
    public const string Enrol = "device.enrol";

    /// <summary>A confirm with the new certificate.</summary>
    public const string Confirm = "device.enrol.confirm";

    /// <summary>An FTM-attested re-enrolment.</summary>
    public const string Reenrol = "device.reenrol";

    /// <summary>An authenticated conflicting claim on a serial: the device is quarantined.</summary>
    public const string CloneAlert = Registry.CloneAlert.Operation;

    /// <summary>An administrator approved an L0 enrolment.</summary>
    public const string ApproveL0 = "device.enrol.approve-l0";

    /// <summary>A pending certificate was revoked because the device never confirmed it.</summary>
    public const string RevokeUnconfirmed = "device.enrol.revoke-unconfirmed";

    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public EnrolmentAudit(IDeviceAudit audit, TimeProvider time, ILogger logger)
    {
        _audit = audit;
        _time = time;
        _logger = logger;
    }

    public Task SucceededAsync(string operation, EnrolmentRequestContext? context, string? serialNo, string? detail, CancellationToken cancellationToken) =>
        RecordAsync(operation, Device(serialNo), DeviceAuditEvent.Success, serialNo, With(context, detail), cancellationToken);

    public Task RefusedAsync(string operation, EnrolmentRequestContext? context, string? serialNo, MessageRefusal refusal, string reason, string outcome, CancellationToken cancellationToken)
    {
        LogRefused(_logger, operation, serialNo ?? "-", refusal, reason);
        return RecordAsync(operation, Device(serialNo), outcome, serialNo, With(context, $"refusal={refusal} reason={Sanitise(reason)}"), cancellationToken);
    }

    public Task AlertAsync(string serialNo, bool quarantined, string reason, EnrolmentRequestContext? context, CancellationToken cancellationToken) =>
        Registry.CloneAlert.RaiseAsync(_audit, _time, _logger, Sanitise(serialNo), quarantined, reason, With(context, "reason=" + Sanitise(reason))!, cancellationToken);

    public Task AdminAsync(string operation, string actor, string serialNo, string outcome, string? detail, CancellationToken cancellationToken) =>
        RecordAsync(operation, actor, outcome, serialNo, detail, cancellationToken);

    private async Task RecordAsync(string operation, string actor, string outcome, string? serialNo, string? detail, CancellationToken cancellationToken) =>
        await _audit.RecordAsync(new DeviceAuditEvent(_time.GetUtcNow(), operation, actor, outcome, serialNo is null ? null : Sanitise(serialNo), detail), cancellationToken);

    // The actor of a device message is the serial it claims (checked or not: the detail says which).
    private static string Device(string? serialNo) => serialNo is null ? "device" : "device:" + Sanitise(serialNo);

    private static string? With(EnrolmentRequestContext? context, string? detail)
    {
        var parts = new List<string>(3);
        if (detail is not null)
        {
            parts.Add(detail);
        }

        if (context?.ClientAddress is { } client)
        {
            parts.Add("client=" + Sanitise(client));
        }

        if (context?.RequestId is { } request)
        {
            parts.Add("request=" + Sanitise(request));
        }

        return parts.Count == 0 ? null : string.Join(' ', parts);
    }

    // Detail is name=value pairs separated by spaces; a device-chosen serial is kept short and to one value.
    private static string Sanitise(string value)
    {
        var text = new StringBuilder(Math.Min(value.Length, 128));
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, 128)))
        {
            text.Append(char.IsWhiteSpace(c) || char.IsControl(c) || c == '=' ? '_' : c);
        }

        return text.ToString();
    }

    [LoggerMessage(EventId = 1640, Level = LogLevel.Debug, Message = "Device {Operation} refused for serial {SerialNo}: {Refusal} ({Reason})")]
    private static partial void LogRefused(ILogger logger, string operation, string serialNo, MessageRefusal refusal, string reason);

    /// <summary>The PMS registration hook of a confirmed device could not be queued: an operator must register it by hand.</summary>
    public void RegistrationHookNotQueued(string serialNo, Exception fault) => LogHookNotQueued(_logger, serialNo, fault.GetType().Name, fault);

    [LoggerMessage(EventId = 1642, Level = LogLevel.Error, Message = "Device {SerialNo} is active but its PMS registration hook was not queued ({Fault}); register it in PMS by hand")]
    private static partial void LogHookNotQueued(ILogger logger, string serialNo, string fault, Exception exception);
}
