namespace Kavach.Devices.Protocol;

/// <summary>How long responses live (spec §3: <c>exp</c> ≤ 5 min).</summary>
public sealed record DownlinkWriterOptions
{
    /// <summary>The longest lifetime allowed.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    /// <summary>A response's lifetime, <c>exp − timestamp</c> (default and cap 5 minutes).</summary>
    public TimeSpan Lifetime { get; init; } = MaxLifetime;

    /// <summary>Throws when <see cref="Lifetime"/> is not above 0 and at most 5 minutes.</summary>
    public DownlinkWriterOptions Validate() =>
        Lifetime <= TimeSpan.Zero || Lifetime > MaxLifetime
            ? throw new ArgumentOutOfRangeException(nameof(Lifetime), Lifetime, "The response lifetime must be above 0 and at most 5 minutes.")
            : this;
}
