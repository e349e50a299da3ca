namespace Kavach.Devices.Updates.Rollouts;

/// <summary>An administrator's request for a staged rollout.</summary>
/// <param name="ReleaseCounter">The release (it must have its SBI record).</param>
/// <param name="HardwareId">The target <c>make/model</c>, one the release names.</param>
/// <param name="GroupPercents">Cumulative group sizes in percent, strictly ascending, ending at 100 (e.g. 10, 50, 100); at most 10 groups.</param>
/// <param name="SuccessThresholdPercent">Share of a group that must report success before the next group (1–100).</param>
/// <param name="ErrorThresholdPercent">Share of a group whose failures abort the rollout (1–100).</param>
public sealed record RolloutRequest(long ReleaseCounter, string HardwareId, IReadOnlyList<int> GroupPercents, int SuccessThresholdPercent, int ErrorThresholdPercent);
