using System.Globalization;
using Kavach.Keys.Errors;

namespace Kavach.Server.Console;

/// <summary>
/// Reads the query parameters of the console's read API and collects what is wrong with them, so bad input is a 400
/// with a code from the catalogue (never a binding failure or a 500). Values are never echoed back: only names.
/// </summary>
internal sealed class ConsoleQuery
{
    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>The errors found so far.</summary>
    public List<KavachError> Errors { get; } = [];

    /// <summary>True when an error was found.</summary>
    public bool Failed => Errors.Count > 0;

    /// <summary>An ISO-8601 instant (UTC unless it carries an offset), or null when absent.</summary>
    public DateTime? Instant(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length <= 40 && DateTimeOffset.TryParseExact(
                text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value.UtcDateTime;
        }

        Errors.Add(ErrorCodes.InvalidQueryDate with { Message = ErrorCodes.InvalidQueryDate.Message + name });
        return null;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or <paramref name="absent"/>.</summary>
    public long Number(string? text, string name, long min, long max, long absent)
    {
        if (string.IsNullOrEmpty(text))
        {
            return absent;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Errors.Add(ErrorCodes.QueryValueOutOfRange with
        {
            Message = ErrorCodes.QueryValueOutOfRange.Message + string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {min} to {max}"),
        });
        return absent;
    }

    /// <summary>A free-text filter: at most <paramref name="maxLength"/> characters, no control characters; null when absent.</summary>
    public string? Text(string? value, string name, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length > maxLength || value.Any(char.IsControl))
        {
            Errors.Add(ErrorCodes.InvalidRequest with { Message = $"request.{name} is longer than {maxLength} characters or holds control characters" });
            return null;
        }

        return value;
    }

    /// <summary>Adds <paramref name="error"/>.</summary>
    public void Add(KavachError error) => Errors.Add(error);
}
