using Kavach.Devices.Updates.Storage;

namespace Kavach.Devices.Updates;

/// <summary>What a report changed: the rollout it counted for (null when none, e.g. a forced update) and that rollout's state afterwards.</summary>
/// <param name="RolloutId">The rollout, or null.</param>
/// <param name="State">Its state after the report.</param>
/// <param name="CurrentGroup">Its current group after the report.</param>
public sealed record UpdateReportOutcome(string? RolloutId, RolloutState? State, int? CurrentGroup);
