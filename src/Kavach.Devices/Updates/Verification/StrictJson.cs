using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Kavach.Devices.Updates.Verification;

/// <summary>Strict readers for update documents: exact member sets, exact types, exact formats; anything else is malformed.</summary>
internal static class StrictJson
{
    /// <summary>The one timestamp format of update documents: UTC, whole seconds.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static bool HasExactly(JsonElement element, params string[] names)
    {
        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(names, property.Name) < 0)
            {
                return false;
            }

            count++;
        }

        return count == names.Length;
    }

    public static bool TryLong(JsonElement element, string name, long min, out long value)
    {
        value = 0;
        return element.GetProperty(name) is { ValueKind: JsonValueKind.Number } number
            && number.TryGetInt64(out value)
            && value >= min;
    }

    public static bool TryString(JsonElement element, string name, int maxLength, [NotNullWhen(true)] out string? value)
    {
        value = element.GetProperty(name) is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;
        return value is { Length: > 0 } && value.Length <= maxLength;
    }

    public static bool TryTime(JsonElement element, string name, out DateTimeOffset value)
    {
        value = default;
        return TryString(element, name, 32, out var text)
            && DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    public static bool TryStrings(JsonElement element, string name, int maxItems, int maxLength, [NotNullWhen(true)] out IReadOnlyList<string>? values)
    {
        values = null;
        var array = element.GetProperty(name);
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() is 0 || array.GetArrayLength() > maxItems)
        {
            return false;
        }

        var list = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } text || text.Length > maxLength || !seen.Add(text))
            {
                return false;
            }

            list.Add(text);
        }

        values = list;
        return true;
    }

    public static bool IsSha256Hex(string? value) =>
        value is { Length: 64 } && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture);
}
