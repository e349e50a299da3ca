using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kavach.Devices.Updates.Verification;

/// <summary>
/// The canonical JSON that update signatures cover: RFC 8785 (JCS) restricted to what update documents contain —
/// objects, arrays, strings, integers up to 2^53 − 1 in magnitude, booleans and null. Members are sorted by their UTF-16
/// code units, no whitespace, strings escaped only where JSON requires. Signer and verifier both sign or check these
/// bytes, never the bytes a server or mirror happened to send, so reformatting cannot break a signature and one
/// document has one signed text.
/// </summary>
public static class CanonicalJson
{
    private const long MaxSafeInteger = 9_007_199_254_740_991;

    /// <summary>The canonical bytes of <paramref name="element"/>; false when it holds a fraction, an exponent or an integer JSON numbers cannot carry exactly.</summary>
    public static bool TryWrite(JsonElement element, out byte[] canonical)
    {
        var builder = new StringBuilder();
        if (!Append(builder, element))
        {
            canonical = [];
            return false;
        }

        canonical = Encoding.UTF8.GetBytes(builder.ToString());
        return true;
    }

    private static bool Append(StringBuilder builder, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    AppendString(builder, property.Name);
                    builder.Append(':');
                    if (!Append(builder, property.Value))
                    {
                        return false;
                    }
                }

                builder.Append('}');
                return true;
            case JsonValueKind.Array:
                builder.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0)
                    {
                        builder.Append(',');
                    }

                    if (!Append(builder, item))
                    {
                        return false;
                    }
                }

                builder.Append(']');
                return true;
            case JsonValueKind.String:
                AppendString(builder, element.GetString()!);
                return true;
            case JsonValueKind.Number:
                // Integers only: JCS writes numbers as ECMAScript doubles, which equal their integer text only up to 2^53.
                if (!element.TryGetInt64(out var number) || number is > MaxSafeInteger or < -MaxSafeInteger)
                {
                    return false;
                }

                builder.Append(number.ToString(CultureInfo.InvariantCulture));
                return true;
            case JsonValueKind.True:
                builder.Append("true");
                return true;
            case JsonValueKind.False:
                builder.Append("false");
                return true;
            case JsonValueKind.Null:
                builder.Append("null");
                return true;
            default:
                return false;
        }
    }

    private static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
