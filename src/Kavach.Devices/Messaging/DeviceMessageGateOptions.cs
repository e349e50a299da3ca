using Kavach.Devices.Protocol;

namespace Kavach.Devices.Messaging;

/// <summary>Settings of the device message gate.</summary>
public sealed record DeviceMessageGateOptions
{
    /// <summary>The reader's limits (time window, digital-id window, body size).</summary>
    public UplinkReaderOptions Reader { get; init; } = new();

    /// <summary>How long a <c>jti</c> is remembered: at least twice the time window (the default), so a replay inside the window always meets it.</summary>
    public TimeSpan? ReplayRetention { get; init; }

    /// <summary>The retention in force: <see cref="ReplayRetention"/> or, by default, twice the clock skew.</summary>
    public TimeSpan EffectiveReplayRetention => ReplayRetention ?? Reader.ClockSkew * 2;

    /// <summary>Throws when a value is out of range.</summary>
    public DeviceMessageGateOptions Validate()
    {
        Reader.Validate();
        if (EffectiveReplayRetention < Reader.ClockSkew * 2)
        {
            throw new ArgumentOutOfRangeException(nameof(ReplayRetention), ReplayRetention, "The replay retention must be at least twice the clock skew.");
        }

        return this;
    }
}
