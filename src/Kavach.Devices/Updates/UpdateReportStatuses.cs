using System.Diagnostics.CodeAnalysis;

namespace Kavach.Devices.Updates;

/// <summary>The wire names of <see cref="UpdateReportStatus"/> in the protocol's <c>update-report</c> body.</summary>
public static class UpdateReportStatuses
{
    /// <summary>Maps <c>INSTALLED</c>, <c>FAILED</c>, <c>REVERTED</c> or <c>STALE</c> (exact, upper case) to its status; false for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? wire, out UpdateReportStatus status)
    {
        (var known, status) = wire switch
        {
            "INSTALLED" => (true, UpdateReportStatus.Installed),
            "FAILED" => (true, UpdateReportStatus.Failed),
            "REVERTED" => (true, UpdateReportStatus.Reverted),
            "STALE" => (true, UpdateReportStatus.Stale),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>The wire name of <paramref name="status"/>.</summary>
    public static string ToWire(this UpdateReportStatus status) => status switch
    {
        UpdateReportStatus.Installed => "INSTALLED",
        UpdateReportStatus.Failed => "FAILED",
        UpdateReportStatus.Reverted => "REVERTED",
        UpdateReportStatus.Stale => "STALE",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
