using System.Text;
using Kavach.Devices.Protocol;
using Kavach.Keys.Audit;
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
    public const string CloneAlert = "device.clone-alert";

    /// <summary>An administrator approved an L0 enrolment.</summary>
    public const string ApproveL0 = "device.enrol.approve-l0";

    /// <summary>A pending certificate was revoked because the device never confirmed it.</summary>
    public const string RevokeUnconfirmed = "device.enrol.revoke-unconfirmed";

    private readonly AuditTrail _trail;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public EnrolmentAudit(AuditTrail trail, TimeProvider time, ILogger logger)
    {
        _trail = trail;
        _time = time;
        _logger = logger;
    }

    public Task SucceededAsync(string operation, EnrolmentRequestContext? context, string? serialNo, string? detail, CancellationToken cancellationToken) =>
        AppendAsync(operation, context, AuditOutcomes.Success, Detail(serialNo, detail), cancellationToken);

    public Task RefusedAsync(string operation, EnrolmentRequestContext? context, string? serialNo, MessageRefusal refusal, string reason, string outcome, CancellationToken cancellationToken)
    {
        LogRefused(_logger, operation, serialNo ?? "-", refusal, reason);
        return AppendAsync(operation, context, outcome, Detail(serialNo, $"refusal={refusal} reason={Sanitise(reason)}"), cancellationToken);
    }

    public Task AlertAsync(string serialNo, string reason, EnrolmentRequestContext? context, CancellationToken cancellationToken)
    {
        LogCloneAlert(_logger, serialNo, reason);
        return AppendAsync(CloneAlert, context, "ALERT", Detail(serialNo, "reason=" + Sanitise(reason)), cancellationToken);
    }

    public Task AdminAsync(string operation, string actor, string serialNo, string outcome, string? detail, CancellationToken cancellationToken) =>
        _trail.AppendAsync(
            new AuditEntry
            {
                Time = _time.GetUtcNow().UtcDateTime,
                Actor = actor,
                Operation = operation,
                Outcome = outcome,
                Detail = Detail(serialNo, detail),
            },
            cancellationToken);

    private Task AppendAsync(string operation, EnrolmentRequestContext? context, string outcome, string? detail, CancellationToken cancellationToken) =>
        _trail.AppendAsync(
            new AuditEntry
            {
                Time = _time.GetUtcNow().UtcDateTime,
                RequestId = context?.RequestId,
                AuthMethod = "Device",
                Client = context?.ClientAddress,
                Operation = operation,
                Outcome = outcome,
                Detail = detail,
            },
            cancellationToken);

    private static string? Detail(string? serialNo, string? detail)
    {
        var serial = serialNo is null ? null : "serial=" + Sanitise(serialNo);
        return (serial, detail) switch
        {
            (null, null) => null,
            (null, _) => detail,
            (_, null) => serial,
            _ => serial + " " + detail,
        };
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

    [LoggerMessage(EventId = 1641, Level = LogLevel.Warning, Message = "Device {SerialNo} quarantined: authenticated conflicting claim ({Reason})")]
    private static partial void LogCloneAlert(ILogger logger, string serialNo, string reason);
}
