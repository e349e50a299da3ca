namespace Kavach.Devices.Policy;

/// <summary>The daily policy job's settings (configuration section <c>Devices:Policy</c>, spec §4.8).</summary>
public sealed record DevicePolicyOptions
{
    /// <summary>The UTC hour (0–23) from which the day's run starts.</summary>
    public int RunAtUtcHour { get; init; } = 2;

    /// <summary>A device certificate this many days old is due for rotation (MOSIP recommends 30-day certificates, rotation at day 20).</summary>
    public int RotateAfterDays { get; init; } = 20;

    /// <summary>A device certificate with this many days or fewer left is due for rotation, whatever its age.</summary>
    public int RenewBeforeDays { get; init; } = 10;

    /// <summary>An active device without a check-in for longer than this is reported stale (offline).</summary>
    public int StaleDays { get; init; } = 3;

    /// <summary>
    /// Warn when a device CA certificate has fewer days left: 395 (13 months), since a successor must reach MOSIP with
    /// at least 12 months of validity and two hours before we issue from it (spec §4.13.4).
    /// </summary>
    public int CaWarningDays { get; init; } = 395;

    /// <summary>Warn when an FTM root or the server signing certificate has fewer days left.</summary>
    public int CertificateWarningDays { get; init; } = 60;

    /// <summary>How long a device has to complete a rotation it was offered.</summary>
    public TimeSpan RotationWindow { get; init; } = TimeSpan.FromDays(3);

    /// <summary>How often the background service wakes to see whether the day's run is due.</summary>
    public TimeSpan TimerInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>This replica's name in the run table (the machine name by default).</summary>
    public string NodeName { get; init; } = Environment.MachineName;

    /// <summary>Throws when a value cannot work, naming the setting.</summary>
    public void Validate()
    {
        Require(RunAtUtcHour is >= 0 and <= 23, nameof(RunAtUtcHour), "must be 0–23");
        Require(RotateAfterDays >= 1, nameof(RotateAfterDays), "must be at least 1");
        Require(RenewBeforeDays >= 0, nameof(RenewBeforeDays), "must not be negative");
        Require(StaleDays >= 1, nameof(StaleDays), "must be at least 1");
        Require(CaWarningDays >= 1 && CertificateWarningDays >= 1, nameof(CaWarningDays), "and CertificateWarningDays must be at least 1");
        Require(RotationWindow >= TimeSpan.FromHours(1), nameof(RotationWindow), "must be at least 1 hour");
        Require(TimerInterval >= TimeSpan.FromSeconds(1) && TimerInterval <= TimeSpan.FromHours(1), nameof(TimerInterval), "must be 1 second – 1 hour");
        Require(!string.IsNullOrWhiteSpace(NodeName) && NodeName.Length <= 128, nameof(NodeName), "must be 1–128 characters");
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"Devices:Policy:{name} {rule}.", name);
        }
    }
}
