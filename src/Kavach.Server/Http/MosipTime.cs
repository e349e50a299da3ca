using System.Globalization;

namespace Kavach.Server.Http;

/// <summary>MOSIP's date-time wire formats (spec §1.4).</summary>
public static class MosipTime
{
    /// <summary>Formats a UTC time as <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>.</summary>
    public static string Format(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The current time of <paramref name="time"/> in MOSIP's response format (the response's timestamp fields).</summary>
    public static string Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Format(time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Parses an ISO local date-time with an optional trailing <c>Z</c> (as Jackson's LocalDateTime does).</summary>
    public static bool TryParseRequestTime(string? text, out DateTime value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.EndsWith('Z') ? text[..^1] : text;
        return DateTime.TryParseExact(
            trimmed,
            ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
            out value);
    }
}
