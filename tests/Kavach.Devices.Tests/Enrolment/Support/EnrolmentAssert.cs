using Kavach.Devices.Enrolment;
using Kavach.Devices.Registry;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Tests.Enrolment.Support;

/// <summary>What every refused enrolment message must show (spec §5.2): the generic error, an audit entry, no state change.</summary>
public static class EnrolmentAssert
{
    /// <summary>
    /// Runs <paramref name="attempt"/> and asserts: refused with <see cref="EnrolmentErrors.EnrolmentRefused"/>, a refusal
    /// of <paramref name="operation"/> audited, no success (but a challenge) or clone alert audited, and the registry row and every
    /// certificate row of <paramref name="serialNo"/> unchanged.
    /// </summary>
    public static async Task RefusedAsync(EnrolmentHarness harness, string serialNo, Func<Task<Result<string>>> attempt, string operation = "device.enrol")
    {
        var before = await harness.SnapshotAsync(serialNo);
        var audited = harness.Audit.Events.Count;

        var result = await attempt();

        Assert.False(result.IsSuccess);
        Assert.Equal(EnrolmentErrors.EnrolmentRefused, result.Error);
        var events = harness.Audit.Events.Skip(audited).ToList();
        Assert.Contains(events, e => e.Operation == operation && e.Outcome == EnrolmentErrors.EnrolmentRefused.Code);
        // A challenge fetched inside the attempt is the one success allowed: it writes only a nonce.
        Assert.DoesNotContain(events, e => (e.Outcome == DeviceAuditEvent.Success && e.Operation != "device.enrol.challenge") || e.Operation == "device.clone-alert");
        Assert.Equal(before, await harness.SnapshotAsync(serialNo));
    }
}
