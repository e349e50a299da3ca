using Kavach.Keys.Management;

namespace Kavach.Server.Audit;

/// <summary>
/// The runtime's injected clock, reached through its key ring (the runtime does not keep the <see cref="TimeProvider"/>
/// it was opened with): the audit trail stamps and rotates on the same time as the rest of the runtime.
/// </summary>
internal sealed class RuntimeClock(KeyRing ring) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(ring.Now, DateTimeKind.Utc), TimeSpan.Zero);
}
