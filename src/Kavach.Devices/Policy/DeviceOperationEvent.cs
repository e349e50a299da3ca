namespace Kavach.Devices.Policy;

/// <summary>
/// One operations event for the audit trail: a command queued, delivered or answered, a check-in, signed time, a
/// rotation step, a daily-job report. Only ids and short non-secret details: never telemetry values, keys or
/// anything biometric.
/// </summary>
/// <param name="Time">When it happened.</param>
/// <param name="Operation">A stable name such as <c>device.command.enqueue</c> or <c>device.rotation.confirm</c>.</param>
/// <param name="Actor">The administrator, <c>device:&lt;serial&gt;</c>, or <c>SYSTEM</c>.</param>
/// <param name="SerialNo">The device it is about, when one.</param>
/// <param name="Outcome"><c>OK</c>, or the KER-DEV code of a refusal.</param>
/// <param name="Detail">Short <c>name=value</c> pairs separated by spaces.</param>
public sealed record DeviceOperationEvent(
    DateTimeOffset Time,
    string Operation,
    string Actor,
    string? SerialNo,
    string Outcome,
    string? Detail = null)
{
    /// <summary>The actor name of the system itself (jobs, rotation offers, time-outs).</summary>
    public const string SystemActor = "SYSTEM";

    /// <summary>The actor name for a device's own request.</summary>
    public static string DeviceActor(string serialNo) => "device:" + serialNo;
}
