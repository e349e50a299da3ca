namespace Kavach.Devices.Updates.Storage;

/// <summary>How one rollout group stands.</summary>
/// <param name="GroupIndex">The group (0-based).</param>
/// <param name="Total">Its devices.</param>
/// <param name="Offered">Offered, no report yet.</param>
/// <param name="Succeeded">Reported success.</param>
/// <param name="Failed">Reported failure.</param>
public sealed record RolloutGroupCounts(int GroupIndex, int Total, int Offered, int Succeeded, int Failed);
