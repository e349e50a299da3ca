using Kavach.Devices.Updates.Storage;

namespace Kavach.Devices.Updates.Rollouts;

/// <summary>A rollout and how each of its groups stands.</summary>
/// <param name="Rollout">The rollout.</param>
/// <param name="Groups">Counts per group, by index.</param>
public sealed record RolloutProgress(RolloutRecord Rollout, IReadOnlyList<RolloutGroupCounts> Groups);
