namespace Kavach.Devices.Updates;

/// <summary>One update event for the audit trail; only ids, counters and hashes, never artifact content or keys.</summary>
/// <param name="Time">When.</param>
/// <param name="Operation">A stable name, e.g. <c>device.update.release.publish</c>.</param>
/// <param name="Actor">The administrator, <c>SYSTEM</c>, or <c>device:&lt;serial&gt;</c>.</param>
/// <param name="Outcome"><c>OK</c> or the error code.</param>
/// <param name="Detail">Short <c>name=value</c> pairs.</param>
public sealed record UpdateAuditEvent(DateTimeOffset Time, string Operation, string Actor, string Outcome, string? Detail);
