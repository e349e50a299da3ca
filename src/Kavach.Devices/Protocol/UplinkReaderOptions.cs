namespace Kavach.Devices.Protocol;

/// <summary>Limits of the uplink reader (spec §3, §4.3).</summary>
public sealed record UplinkReaderOptions
{
    /// <summary>The largest skew accepted for <see cref="ClockSkew"/>.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(300);

    /// <summary>How far a message <c>timestamp</c> may be from the server's clock either way (default 120 s, at most 300 s).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How far a digital id's <c>dateTime</c> may be from the server's clock either way (default 300 s).</summary>
    public TimeSpan DigitalIdSkew { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>The largest request body (default and cap 64 KiB).</summary>
    public int MaxBodyBytes { get; init; } = Json.ProtocolJson.MaxBytes;

    /// <summary>Throws for values outside the allowed ranges: configuration errors stop the start, naming the setting.</summary>
    public UplinkReaderOptions Validate()
    {
        if (ClockSkew <= TimeSpan.Zero || ClockSkew > MaxClockSkew)
        {
            throw new ArgumentOutOfRangeException(nameof(ClockSkew), ClockSkew, "The clock skew must be above 0 and at most 300 seconds.");
        }

        if (DigitalIdSkew <= TimeSpan.Zero || DigitalIdSkew > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(DigitalIdSkew), DigitalIdSkew, "The digital-id skew must be above 0 and at most 10 minutes.");
        }

        if (MaxBodyBytes is <= 0 or > Json.ProtocolJson.MaxBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBodyBytes), MaxBodyBytes, "The body limit must be 1 to 65,536 bytes.");
        }

        return this;
    }
}
