using Kavach.Devices.Time;

namespace Kavach.Devices.Tests.Time;

/// <summary>A discipline reading set by the test.</summary>
internal sealed class FixedClockDiscipline(ClockDisciplineReading reading) : IClockDiscipline
{
    public ClockDisciplineReading Reading { get; set; } = reading;

    public ClockDisciplineReading Read() => Reading;

    public static FixedClockDiscipline Synchronised(double errorMs) => new(new ClockDisciplineReading(true, TimeSpan.FromMilliseconds(errorMs), "test"));
}
