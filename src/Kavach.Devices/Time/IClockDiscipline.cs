namespace Kavach.Devices.Time;

/// <summary>Reads how well the server's own clock is disciplined (spec §4.7): trusted time is signed only when it is.</summary>
public interface IClockDiscipline
{
    /// <summary>The current reading; cheap enough to call on every time request.</summary>
    ClockDisciplineReading Read();
}
