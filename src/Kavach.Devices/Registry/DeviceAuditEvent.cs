namespace Kavach.Devices.Registry;

/// <summary>
/// One device-management event for the tamper-evident audit trail. Only ids go in (serials, batch, approval and
/// certificate ids, administrator names as the actor): never key material, tokens, digital-id payloads or biometric data.
/// </summary>
/// <param name="Time">When it happened.</param>
/// <param name="Operation">A stable name such as <c>device.whitelist.import</c> or <c>device.approval.approve</c>.</param>
/// <param name="Actor">The administrator, device serial or <c>SYSTEM</c> that acted.</param>
/// <param name="Outcome"><c>OK</c> or the <c>KER-DEV</c> error code.</param>
/// <param name="Subject">What it was about: a serial, a batch, provider, model or approval id.</param>
/// <param name="Detail">Short non-secret <c>name=value</c> pairs separated by spaces.</param>
public sealed record DeviceAuditEvent(DateTimeOffset Time, string Operation, string Actor, string Outcome, string? Subject, string? Detail = null)
{
    /// <summary>The outcome of a success.</summary>
    public const string Success = "OK";
}
