namespace Kavach.Devices.Commands;

/// <summary>How commands live: expiry, result time-out and retries, long-poll, size limits (configuration section <c>Devices:Commands</c>).</summary>
public sealed record DeviceCommandOptions
{
    /// <summary>Expiry of an administrator's command when none is given (7 days: a device that checks in weekly still gets it).</summary>
    public TimeSpan DefaultTimeToLive { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The longest expiry an administrator may give.</summary>
    public TimeSpan MaxTimeToLive { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How long a delivered command may go without a result before it is delivered again (or times out after the last attempt).</summary>
    public TimeSpan ResultTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Deliveries per command (the first plus retries on time-out).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The longest long-poll (spec §4.4: 55 s, under common proxies' 60 s idle limit).</summary>
    public TimeSpan MaxLongPoll { get; init; } = TimeSpan.FromSeconds(55);

    /// <summary>How often a long-poll re-reads the queue, for commands queued on another replica.</summary>
    public TimeSpan LongPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Commands handed out in one response, oldest first; the rest wait for the next one.</summary>
    public int MaxPerResponse { get; init; } = 10;

    /// <summary>Largest <c>args</c> JSON, in UTF-8 bytes.</summary>
    public int MaxArgsBytes { get; init; } = 4096;

    /// <summary>Largest result JSON, in UTF-8 bytes (a device-info or redacted-log result).</summary>
    public int MaxResultBytes { get; init; } = 16 * 1024;

    /// <summary>Throws when a value cannot work, naming the setting.</summary>
    public void Validate()
    {
        Require(DefaultTimeToLive > TimeSpan.Zero && DefaultTimeToLive <= MaxTimeToLive, nameof(DefaultTimeToLive), "must be positive and at most MaxTimeToLive");
        Require(ResultTimeout >= TimeSpan.FromMinutes(1), nameof(ResultTimeout), "must be at least 1 minute");
        Require(MaxAttempts is >= 1 and <= 20, nameof(MaxAttempts), "must be 1–20");
        Require(MaxLongPoll > TimeSpan.Zero && MaxLongPoll <= TimeSpan.FromSeconds(55), nameof(MaxLongPoll), "must be 1–55 seconds");
        Require(LongPollInterval > TimeSpan.Zero && LongPollInterval <= MaxLongPoll, nameof(LongPollInterval), "must be positive and at most MaxLongPoll");
        Require(MaxPerResponse is >= 1 and <= 100, nameof(MaxPerResponse), "must be 1–100");
        Require(MaxArgsBytes is >= 2 and <= 65536, nameof(MaxArgsBytes), "must be 2–65536");
        Require(MaxResultBytes is >= 2 and <= 65536, nameof(MaxResultBytes), "must be 2–65536");
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"Devices:Commands:{name} {rule}.", name);
        }
    }
}
