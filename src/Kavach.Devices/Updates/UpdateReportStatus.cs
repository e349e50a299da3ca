namespace Kavach.Devices.Updates;

/// <summary>The outcome a device reports for one release.</summary>
public enum UpdateReportStatus
{
    /// <summary>Verified, installed and booted (committed).</summary>
    Installed,

    /// <summary>Refused by the verifier, failed to download, or failed to boot and reverted.</summary>
    Failed,
}
