namespace Kavach.Devices.Time;

/// <summary>
/// An operator's declaration that the clock is disciplined by a source the kernel does not report (a PTP grandmaster
/// with its own daemon, a hypervisor-synchronised clock), with the error bound the operator vouches for. It is a
/// statement of the deployment, recorded at start; the kernel reading is the default.
/// </summary>
public sealed class DeclaredClockDiscipline : IClockDiscipline
{
    private readonly ClockDisciplineReading _reading;

    /// <summary>Declares the clock synchronised within <paramref name="errorBound"/>.</summary>
    public DeclaredClockDiscipline(TimeSpan errorBound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(errorBound, TimeSpan.Zero);
        _reading = new ClockDisciplineReading(true, errorBound, "declared");
    }

    /// <inheritdoc />
    public ClockDisciplineReading Read() => _reading;
}
