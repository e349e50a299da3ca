namespace Kavach.Devices.Time;

/// <summary>When the server signs time (configuration section <c>Devices:Time</c>, spec §4.7).</summary>
public sealed record TrustedTimeOptions
{
    /// <summary>
    /// Where the clock's discipline is read: <c>kernel</c> (default: Linux <c>adjtimex</c>) or <c>declared</c> (the
    /// operator vouches for <see cref="DeclaredErrorMs"/>; for clocks disciplined outside the kernel's view).
    /// </summary>
    public string Source { get; init; } = "kernel";

    /// <summary>The error bound an operator declares, in milliseconds; required with <c>Source = declared</c>.</summary>
    public int? DeclaredErrorMs { get; init; }

    /// <summary>Above this error bound the server still signs but raises an alert (spec: 100 ms).</summary>
    public int AlertAboveMs { get; init; } = 100;

    /// <summary>Above this error bound (or when not synchronised) the server refuses to sign time (spec: 1 s).</summary>
    public int RefuseAboveMs { get; init; } = 1000;

    /// <summary>Throws when a value cannot work, naming the setting.</summary>
    public void Validate()
    {
        if (Source is not ("kernel" or "declared"))
        {
            throw new ArgumentException("Devices:Time:Source must be 'kernel' or 'declared'.", nameof(Source));
        }

        if (Source == "declared" && DeclaredErrorMs is not (>= 0 and <= 1000))
        {
            throw new ArgumentException("Devices:Time:DeclaredErrorMs must be 0–1000 when Source is 'declared'.", nameof(DeclaredErrorMs));
        }

        if (AlertAboveMs < 1 || RefuseAboveMs < AlertAboveMs || RefuseAboveMs > 60_000)
        {
            throw new ArgumentException("Devices:Time:AlertAboveMs must be at least 1 and at most RefuseAboveMs (at most 60000).", nameof(RefuseAboveMs));
        }
    }

    /// <summary>The discipline these options name.</summary>
    public IClockDiscipline CreateDiscipline()
    {
        Validate();
        return Source == "declared" ? new DeclaredClockDiscipline(TimeSpan.FromMilliseconds(DeclaredErrorMs!.Value)) : new KernelClockDiscipline();
    }
}
