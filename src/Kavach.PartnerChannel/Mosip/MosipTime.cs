using System.Globalization;

namespace Kavach.PartnerChannel.Mosip;

/// <summary>IDA's timestamps: <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>, UTC.</summary>
internal static class MosipTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Parses exactly the IDA format; false for anything else.</summary>
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null || !DateTime.TryParseExact(text, Pattern, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime parsed))
        {
            return false;
        }

        time = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        return true;
    }
}
