using System.Diagnostics.CodeAnalysis;

namespace Kavach.DeviceAgent.Time;

/// <summary>
/// The device's only clock (spec §4.7): signed server time plus the monotonic time elapsed since it arrived, never the
/// host's wall clock. <c>trusted = serverTime + RTT/2</c>; a response whose time lies more than 5 s before the
/// high-water mark (the latest trusted time ever seen, persisted) is refused, so a replayed or rolled-back server
/// clock cannot move the device into the past.
/// </summary>
public sealed class TrustedClock : TimeProvider
{
    /// <summary>The longest round trip a time response may take (3 s).</summary>
    public static readonly TimeSpan MaxRoundTrip = TimeSpan.FromSeconds(3);

    /// <summary>The longest round trip of a challenge whose time is taken provisionally, only to stamp an enrolment (30 s).</summary>
    public static readonly TimeSpan MaxProvisionalRoundTrip = TimeSpan.FromSeconds(30);

    /// <summary>How far before the high-water mark a server time may lie (5 s).</summary>
    public static readonly TimeSpan HighWaterTolerance = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _monotonic;
    private readonly Lock _gate = new();
    private DateTimeOffset _anchorTime;
    private long _anchorTimestamp;
    private bool _anchored;

    /// <summary>A clock with no trusted time yet; <paramref name="monotonic"/> supplies the elapsed-time counter only.</summary>
    public TrustedClock(TimeProvider monotonic, DateTimeOffset? highWater = null)
    {
        _monotonic = monotonic;
        HighWater = highWater;
    }

    /// <summary>True once signed server time has been accepted in this process.</summary>
    public bool HasTrustedTime
    {
        get
        {
            lock (_gate)
            {
                return _anchored;
            }
        }
    }

    /// <summary>The latest trusted time seen (persisted by the caller).</summary>
    public DateTimeOffset? HighWater { get; private set; }

    /// <summary>The uncertainty of the last accepted time: the server's radius plus half the round trip.</summary>
    public TimeSpan Uncertainty { get; private set; }

    /// <summary>A monotonic timestamp, for measuring a round trip.</summary>
    public long Mark() => _monotonic.GetTimestamp();

    /// <summary>
    /// Accepts a signed server time that answered a request sent at <paramref name="sentAt"/> (a <see cref="Mark"/>).
    /// False, with the reason, when the round trip exceeded 3 s or the time lies before the high-water mark.
    /// </summary>
    public bool TryAccept(DateTimeOffset serverTime, int radiusMs, long sentAt, [NotNullWhen(false)] out string? refusal) =>
        TryAccept(serverTime, radiusMs, sentAt, MaxRoundTrip, out refusal);

    /// <summary>
    /// As <see cref="TryAccept(DateTimeOffset, int, long, out string?)"/> with another round-trip bound: the provisional
    /// time of an enrolment challenge, which only stamps the enrolment request (spec §4.5 step 1: what counts there is
    /// the signature and the nonce), may take longer on a loaded network.
    /// </summary>
    public bool TryAccept(DateTimeOffset serverTime, int radiusMs, long sentAt, TimeSpan maxRoundTrip, [NotNullWhen(false)] out string? refusal)
    {
        var received = _monotonic.GetTimestamp();
        var roundTrip = _monotonic.GetElapsedTime(sentAt, received);
        if (roundTrip > maxRoundTrip || roundTrip < TimeSpan.Zero)
        {
            refusal = $"round trip {roundTrip.TotalMilliseconds:F0} ms is over {maxRoundTrip.TotalSeconds:F0} s";
            return false;
        }

        var trusted = serverTime + (roundTrip / 2);
        lock (_gate)
        {
            if (HighWater is { } mark && trusted < mark - HighWaterTolerance)
            {
                refusal = $"server time is {(mark - trusted).TotalSeconds:F0} s before the high-water mark";
                return false;
            }

            _anchorTime = trusted;
            _anchorTimestamp = received;
            _anchored = true;
            Uncertainty = TimeSpan.FromMilliseconds(radiusMs) + (roundTrip / 2);
            HighWater = HighWater is { } previous && previous > trusted ? previous : trusted;
        }

        refusal = null;
        return true;
    }

    /// <summary>Raises the high-water mark to now (call before persisting it).</summary>
    public DateTimeOffset? AdvanceHighWater()
    {
        lock (_gate)
        {
            if (_anchored)
            {
                var now = NowLocked();
                HighWater = HighWater is { } previous && previous > now ? previous : now;
            }

            return HighWater;
        }
    }

    /// <summary>The trusted time now; throws when there is none (callers check <see cref="HasTrustedTime"/> first).</summary>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _anchored ? NowLocked() : throw new InvalidOperationException("The device has no trusted time yet.");
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp() => _monotonic.GetTimestamp();

    /// <inheritdoc />
    public override long TimestampFrequency => _monotonic.TimestampFrequency;

    private DateTimeOffset NowLocked() => _anchorTime + _monotonic.GetElapsedTime(_anchorTimestamp);
}
