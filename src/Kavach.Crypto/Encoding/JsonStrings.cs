using System.Text.Json;

namespace Kavach.Crypto.Encodings;

/// <summary>Checks on the strings of a parsed JSON document that strict readers make before they bind it.</summary>
public static class JsonStrings
{
    /// <summary>
    /// False when a name or string value anywhere in <paramref name="element"/> is an escape that decodes to no UTF-16
    /// string (a lone surrogate such as <c>"\uD800"</c>): valid JSON that <see cref="JsonElement.GetString"/> would
    /// throw on later, in code that expects only bad-input results.
    /// </summary>
    public static bool AreReadable(JsonElement element)
    {
        try
        {
            return Readable(element);
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static bool Readable(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Array:
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        if (!Readable(item))
                        {
                            return false;
                        }
                    }

                    return true;
                case JsonValueKind.Object:
                    foreach (JsonProperty property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        if (!Readable(property.Value))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return true;
            }
        }
    }
}
