using System.Globalization;

namespace Kavach.Devices.Protocol.Messages;

/// <summary>
/// The protocol's timestamps: ISO 8601 UTC with exactly three fractional digits and a <c>Z</c>
/// (<c>2026-11-22T07:03:23.998Z</c>). Digital ids use seconds instead (<see cref="DigitalIds.DigitalIdTime"/>).
/// </summary>
public static class ProtocolTimestamp
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Writes <paramref name="value"/> in UTC, truncated to milliseconds.</summary>
    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Truncates to whole milliseconds (what the text form carries).</summary>
    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Reads exactly the form <see cref="ToText"/> writes; false for anything else (offsets, seconds only, more digits).</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is { Length: 24 }
            && DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}
