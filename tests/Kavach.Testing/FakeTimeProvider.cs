namespace Kavach.Testing;

/// <summary>
/// A clock the test moves by hand (Microsoft.Extensions.TimeProvider.Testing is not available here). It runs with
/// real time plus an offset, so certificates made by external tools (openssl) during a test are valid for it too.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private long _offsetTicks;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>How far this clock is ahead of real time.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan delta) => Interlocked.Add(ref _offsetTicks, delta.Ticks);

    /// <summary>Sets the clock (it keeps running from there).</summary>
    public void SetUtcNow(DateTimeOffset value) => Interlocked.Exchange(ref _offsetTicks, (value - System.GetUtcNow()).Ticks);
}
