using System.Globalization;

namespace Kavach.Devices.Protocol.DigitalIds;

/// <summary>The digital id's <c>dateTime</c>: <c>yyyy-MM-ddTHH:mm:ssZ</c>, UTC, whole seconds — MOSIP's validators refuse milliseconds here.</summary>
public static class DigitalIdTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Writes <paramref name="value"/> in UTC, truncated to seconds.</summary>
    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Reads exactly the form <see cref="ToText"/> writes; false with milliseconds, an offset or anything else.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is { Length: 20 }
            && DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}
