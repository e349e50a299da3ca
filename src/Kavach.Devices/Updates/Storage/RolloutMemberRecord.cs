namespace Kavach.Devices.Updates.Storage;

/// <summary>One device's place in a rollout (table <c>device_rollout_member</c>), fixed when the rollout starts.</summary>
/// <param name="RolloutId">The rollout.</param>
/// <param name="SerialNo">The device.</param>
/// <param name="GroupIndex">Its group (0-based).</param>
/// <param name="Status">Its progress.</param>
/// <param name="UpdatedAt">Last change.</param>
public sealed record RolloutMemberRecord(string RolloutId, string SerialNo, int GroupIndex, RolloutMemberStatus Status, DateTimeOffset UpdatedAt);
