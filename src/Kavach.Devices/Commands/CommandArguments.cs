using System.Text;
using System.Text.Json;

namespace Kavach.Devices.Commands;

/// <summary>
/// Strict checks of a command's arguments and of a device's result: a JSON object, no duplicate or unknown members,
/// bounded size and depth. Arguments come back re-serialised compactly, so what is stored is what was checked.
/// </summary>
internal static class CommandArguments
{
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 8, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>The compact arguments of <paramref name="kind"/>, or null when they do not fit its schema.</summary>
    public static string? Normalize(string kind, string? json, int maxBytes)
    {
        if (!TryParseObject(string.IsNullOrWhiteSpace(json) ? "{}" : json, maxBytes, out var document))
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            var valid = kind switch
            {
                OperationsCommandKinds.GetDeviceInfo or OperationsCommandKinds.SyncTime => Only(root),
                OperationsCommandKinds.GetLogs => Only(root, "sinceSeq") && Optional(root, "sinceSeq", IsCounter),
                OperationsCommandKinds.SetPolicy => Only(root, "checkinSeconds") && Required(root, "checkinSeconds", e => IsInt(e, 60, 86_400)),
                OperationsCommandKinds.RotateKey => Only(root, "rotationId", "deadline") && Required(root, "rotationId", IsUuid) && Required(root, "deadline", IsText),
                OperationsCommandKinds.Deregister => Only(root, "reason") && Required(root, "reason", IsText),
                OperationsCommandKinds.UpdateAvailable => Only(root, "releaseCounter") && Required(root, "releaseCounter", e => IsInt(e, 1, long.MaxValue)),
                _ => false,
            };
            return valid ? JsonSerializer.Serialize(root) : null;
        }
    }

    /// <summary>True when <paramref name="json"/> is one JSON object within <paramref name="maxBytes"/> with no duplicate member at any level.</summary>
    public static bool IsResultObject(string? json, int maxBytes)
    {
        if (json is null || !TryParseObject(json, maxBytes, out var document))
        {
            return false;
        }

        document.Dispose();
        return true;
    }

    private static bool TryParseObject(string json, int maxBytes, out JsonDocument document)
    {
        document = null!;
        if (Encoding.UTF8.GetByteCount(json) > maxBytes)
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(json, Strict);
        }
        catch (JsonException)
        {
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object || !NoDuplicates(document.RootElement))
        {
            document.Dispose();
            return false;
        }

        return true;
    }

    private static bool NoDuplicates(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name) || !NoDuplicates(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!NoDuplicates(item))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private static bool Only(JsonElement root, params string[] allowed)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Required(JsonElement root, string name, Func<JsonElement, bool> valid) =>
        root.TryGetProperty(name, out var value) && valid(value);

    private static bool Optional(JsonElement root, string name, Func<JsonElement, bool> valid) =>
        !root.TryGetProperty(name, out var value) || valid(value);

    private static bool IsCounter(JsonElement e) => IsInt(e, 0, long.MaxValue);

    private static bool IsInt(JsonElement e, long min, long max) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) && v >= min && v <= max;

    private static bool IsText(JsonElement e) =>
        e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 and <= 128 } s && !s.Any(char.IsControl);

    private static bool IsUuid(JsonElement e) =>
        e.ValueKind == JsonValueKind.String && Guid.TryParseExact(e.GetString(), "D", out _);
}
