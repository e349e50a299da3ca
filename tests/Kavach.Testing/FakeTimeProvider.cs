namespace Kavach.Testing;

/// <summary>
/// A clock the test moves by hand (Microsoft.Extensions.TimeProvider.Testing is not available here). Created
/// without a start it runs with real time plus an offset, so certificates that external tools (openssl) make during
/// a test are valid for it too; created with a start it stands still until moved.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly DateTimeOffset? _frozenAt;
    private long _offsetTicks;

    /// <summary>A clock running with real time.</summary>
    public FakeTimeProvider()
    {
    }

    /// <summary>A clock standing at <paramref name="start"/>.</summary>
    public FakeTimeProvider(DateTimeOffset start) => _frozenAt = start;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => (_frozenAt ?? System.GetUtcNow()).AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, delta.Ticks);
    }

    /// <summary>Sets the clock (a running clock keeps running from there).</summary>
    public void SetUtcNow(DateTimeOffset value) =>
        Interlocked.Exchange(ref _offsetTicks, (value - (_frozenAt ?? System.GetUtcNow())).Ticks);
}
