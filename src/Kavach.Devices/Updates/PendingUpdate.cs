namespace Kavach.Devices.Updates;

/// <summary>A release a device should be told about in its check-in response (<c>updateAvailable{releaseCounter}</c>).</summary>
/// <param name="ReleaseCounter">The release.</param>
/// <param name="Forced">True when offered because the installed release's SBI expired (MOSIP stops accepting it).</param>
/// <param name="RolloutId">The rollout offering it; null for a forced update.</param>
public sealed record PendingUpdate(long ReleaseCounter, bool Forced, string? RolloutId);
