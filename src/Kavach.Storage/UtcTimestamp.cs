using System.Globalization;

namespace Kavach.Storage;

/// <summary>
/// The one place that decides how instants are stored: UTC, truncated to whole microseconds (PostgreSQL's
/// <c>timestamp</c> precision), so a value read back equals the value written after <see cref="Normalize"/>.
/// </summary>
internal static class UtcTimestamp
{
    /// <summary>Fixed width, so text order is time order in SQLite.</summary>
    internal const string SqliteFormat = "yyyy-MM-dd HH:mm:ss.ffffff";

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    // Accepted on read only: rows written by hand or by other tools with fewer fraction digits.
    private static readonly string[] SqliteReadFormats = [SqliteFormat, "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>
    /// UTC with microsecond precision. <see cref="DateTimeKind.Unspecified"/> is taken as UTC (the store's
    /// convention, like MOSIP's); <see cref="DateTimeKind.Local"/> is converted. Sub-microsecond ticks are
    /// truncated, never rounded, so normalising twice changes nothing.
    /// </summary>
    internal static DateTime Normalize(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return new DateTime(utc.Ticks - (utc.Ticks % TicksPerMicrosecond), DateTimeKind.Utc);
    }

    internal static string ToSqliteText(DateTime value) =>
        Normalize(value).ToString(SqliteFormat, CultureInfo.InvariantCulture);

    internal static DateTime FromSqliteText(string text) =>
        Normalize(DateTime.ParseExact(
            text,
            SqliteReadFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
}
