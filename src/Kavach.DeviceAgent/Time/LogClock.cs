namespace Kavach.DeviceAgent.Time;

/// <summary>The local log's clock: trusted time when there is some, else the monotonic source's wall time (marked by the entry only).</summary>
internal sealed class LogClock(TrustedClock trusted, TimeProvider fallback) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => trusted.HasTrustedTime ? trusted.GetUtcNow() : fallback.GetUtcNow();
}
