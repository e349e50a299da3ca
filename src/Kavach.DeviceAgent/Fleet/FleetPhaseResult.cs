namespace Kavach.DeviceAgent.Fleet;

/// <summary>What one phase of a fleet run did: devices, failures, wall time, throughput and per-device latency.</summary>
/// <param name="Phase">The phase (<c>provision</c>, <c>enrol</c>, <c>checkin-1</c>, …).</param>
/// <param name="Count">Devices the phase ran for.</param>
/// <param name="Errors">Devices that failed.</param>
/// <param name="ErrorsByCode">Failures counted by code.</param>
/// <param name="FirstErrors">The first few failures in full.</param>
/// <param name="Wall">Wall time of the phase.</param>
/// <param name="P50">Median latency of one device's operation.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="P99">99th percentile.</param>
public sealed record FleetPhaseResult(
    string Phase,
    int Count,
    int Errors,
    IReadOnlyDictionary<string, int> ErrorsByCode,
    IReadOnlyList<FleetError> FirstErrors,
    TimeSpan Wall,
    TimeSpan P50,
    TimeSpan P95,
    TimeSpan P99)
{
    /// <summary>Successful operations per second of wall time.</summary>
    public double PerSecond => Wall > TimeSpan.Zero ? (Count - Errors) / Wall.TotalSeconds : 0;

    /// <summary>One line for a log or an assertion message.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{Phase}: {Count} devices, {Errors} errors, {Wall.TotalSeconds:F1} s, {PerSecond:F1}/s, p50 {P50.TotalMilliseconds:F0} ms, p95 {P95.TotalMilliseconds:F0} ms, p99 {P99.TotalMilliseconds:F0} ms")
        + string.Concat(FirstErrors.Select(e => $"\n  {e.SerialNo} {e.Code} {e.Message}"));
}
