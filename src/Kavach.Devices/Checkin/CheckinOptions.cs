namespace Kavach.Devices.Checkin;

/// <summary>What check-in responses tell devices (configuration section <c>Devices:Checkin</c>, spec §4.6).</summary>
public sealed record CheckinOptions
{
    /// <summary>Seconds between check-ins in the policy (default 900; the device jitters ±10 %).</summary>
    public int CheckinSeconds { get; init; } = 900;

    /// <summary>The shorter <c>pollAfterSeconds</c> when commands were handed out (the device reports their results, and more may wait).</summary>
    public int PollAfterWithCommandsSeconds { get; init; } = 30;

    /// <summary>The device certificate lifetime the policy announces (the device CA's setting).</summary>
    public int CertDays { get; init; } = 30;

    /// <summary>How long an <c>updateAvailable</c> command in a response stays valid (the next check-in repeats it while the rollout wants it).</summary>
    public TimeSpan UpdateCommandLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Throws when a value cannot work, naming the setting.</summary>
    public void Validate()
    {
        if (CheckinSeconds is < 60 or > 86_400)
        {
            throw new ArgumentException("Devices:Checkin:CheckinSeconds must be 60–86400.", nameof(CheckinSeconds));
        }

        if (PollAfterWithCommandsSeconds < 0 || PollAfterWithCommandsSeconds > CheckinSeconds)
        {
            throw new ArgumentException("Devices:Checkin:PollAfterWithCommandsSeconds must be 0–CheckinSeconds.", nameof(PollAfterWithCommandsSeconds));
        }

        if (CertDays is < 1 or > 397)
        {
            throw new ArgumentException("Devices:Checkin:CertDays must be 1–397.", nameof(CertDays));
        }

        if (UpdateCommandLifetime < TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException("Devices:Checkin:UpdateCommandLifetime must be at least 5 minutes.", nameof(UpdateCommandLifetime));
        }
    }
}
