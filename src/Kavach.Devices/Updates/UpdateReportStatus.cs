namespace Kavach.Devices.Updates;

/// <summary>The outcome a device reports for one release (the <c>status</c> of an <c>update-report</c> body).</summary>
public enum UpdateReportStatus
{
    /// <summary><c>INSTALLED</c>: verified, installed and booted (committed). Counts as a success of its rollout group.</summary>
    Installed,

    /// <summary><c>FAILED</c>: refused by the verifier (other than staleness) or failed to download or install. Counts as a failure.</summary>
    Failed,

    /// <summary><c>REVERTED</c>: installed but failed to boot, so the device went back to the other slot. Counts as a failure.</summary>
    Reverted,

    /// <summary>
    /// <c>STALE</c>: the device refused the metadata as expired (a freeze, or a timestamp not yet refreshed). Audited but
    /// not counted: the firmware was never tried, and counting it would let whoever withholds fresh metadata abort a
    /// rollout. The device stays offered and tries again at a later check-in.
    /// </summary>
    Stale,
}
