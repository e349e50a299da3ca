using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Kavach.Crypto.Encodings;

namespace Kavach.Devices.Protocol.Json;

/// <summary>
/// Strict reading and writing of protocol JSON (spec §4.3, §5.2): valid UTF-8, at most 64 KiB, depth ≤ 20, no duplicate
/// keys at any depth, no comments or trailing commas, unknown members refused, required members present, exact types.
/// Bad input gives false, never an exception.
/// </summary>
public static class ProtocolJson
{
    /// <summary>The largest JSON document (and the largest message body) accepted: 64 KiB.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The deepest nesting accepted.</summary>
    public const int MaxDepth = 20;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = MaxDepth,
    };

    /// <summary>Parses <paramref name="utf8"/> as <typeparamref name="T"/>; false for anything not strictly of that schema.</summary>
    public static bool TryRead<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> typeInfo, [NotNullWhen(true)] out T? value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        value = null;
        if (utf8.IsEmpty || utf8.Length > MaxBytes || !Utf8.IsValid(utf8))
        {
            return false;
        }

        try
        {
            // The document pass refuses duplicate keys at every depth, including inside JsonElement members.
            using JsonDocument document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
            if (!JsonStrings.AreReadable(document.RootElement))
            {
                return false;
            }

            value = document.Deserialize(typeInfo);
            return value is not null;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Reads an element already taken from a strictly parsed document (e.g. a payload's <c>body</c>) as <typeparamref name="T"/>.</summary>
    public static bool TryRead<T>(JsonElement element, JsonTypeInfo<T> typeInfo, [NotNullWhen(true)] out T? value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        value = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        try
        {
            value = element.Deserialize(typeInfo);
            return value is not null;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>The compact UTF-8 JSON of <paramref name="value"/>.</summary>
    public static byte[] Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
    }

    /// <summary><paramref name="value"/> as a detached JSON element (for a payload's <c>body</c> or a command's <c>args</c>).</summary>
    public static JsonElement ToElement<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return JsonSerializer.SerializeToElement(value, typeInfo);
    }
}
