namespace Kavach.Testing;

/// <summary>
/// Real time plus an offset the test moves, with real timers. Tests of a whole server use it: Microsoft's
/// <c>FakeTimeProvider</c> (used everywhere else) stands still and fires timers only when advanced, which would stall
/// the server's own waits, and certificates that openssl makes during a test must be valid for the server too.
/// </summary>
public sealed class RunningClock : TimeProvider
{
    private long _offsetTicks;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, delta.Ticks);
    }

    /// <summary>Sets the clock; it keeps running from there.</summary>
    public void SetUtcNow(DateTimeOffset value) => Interlocked.Exchange(ref _offsetTicks, (value - System.GetUtcNow()).Ticks);
}
