namespace Kavach.Devices.Protocol;

/// <summary>
/// A response sequence from the clock: Unix milliseconds × 1000, raised past the last number this process issued. It needs
/// no storage and grows across restarts and replicas whose clocks are disciplined (the server refuses to sign time when
/// its clock is not), because a device's next request starts only after it received the previous response; replicas
/// whose clocks differ by more than a device's round trip need a stored sequence instead.
/// </summary>
public sealed class ClockDownlinkSequence(TimeProvider time) : IDownlinkSequence
{
    private long _last;

    /// <inheritdoc />
    public ValueTask<long> NextAsync(string serialNo, CancellationToken cancellationToken)
    {
        long fromClock = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        long current;
        long next;
        do
        {
            current = Interlocked.Read(ref _last);
            next = Math.Max(current + 1, fromClock);
        }
        while (Interlocked.CompareExchange(ref _last, next, current) != current);

        return ValueTask.FromResult(next);
    }
}
