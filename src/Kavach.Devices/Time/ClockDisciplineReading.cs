namespace Kavach.Devices.Time;

/// <summary>What the server knows about its own clock now.</summary>
/// <param name="Synchronised">True when a discipline (NTP/NTS/PTP) holds the clock; false when the kernel says it is not synchronised or nothing can tell.</param>
/// <param name="ErrorBound">The bound on the clock's offset from true time, when known.</param>
/// <param name="Source">Where the reading came from (<c>kernel</c>, <c>declared</c>, <c>unavailable</c>), for logs and audit.</param>
public sealed record ClockDisciplineReading(bool Synchronised, TimeSpan? ErrorBound, string Source);
