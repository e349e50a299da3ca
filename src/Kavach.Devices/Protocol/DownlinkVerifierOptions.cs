namespace Kavach.Devices.Protocol;

/// <summary>Limits of the device-side response check.</summary>
public sealed record DownlinkVerifierOptions
{
    /// <summary>How far a response <c>timestamp</c> may be from the device's trusted clock (default 120 s, at most 300 s).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Throws when <see cref="ClockSkew"/> is not above 0 and at most 300 s.</summary>
    public DownlinkVerifierOptions Validate() =>
        ClockSkew <= TimeSpan.Zero || ClockSkew > UplinkReaderOptions.MaxClockSkew
            ? throw new ArgumentOutOfRangeException(nameof(ClockSkew), ClockSkew, "The clock skew must be above 0 and at most 300 seconds.")
            : this;
}
