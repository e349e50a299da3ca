using System.Text;
using System.Text.Json;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Commands;

/// <summary>
/// A command's arguments checked exactly as the device will read them (the protocol's closed catalogue,
/// <see cref="DeviceCommandCatalogue"/>), so the server never queues a command a device would reject; and the strict
/// check of a device's result object. Arguments come back re-serialised, so what is stored is what was checked.
/// </summary>
internal static class CommandArguments
{
    private const string ProbeId = "probe";
    private static readonly DateTimeOffset ProbeNow = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ProbeExp = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The compact arguments of <paramref name="kind"/> (<c>{}</c> for kinds without), or null when the kind is not in the catalogue or the arguments do not fit it.</summary>
    public static string? Normalize(string kind, string? json, int maxBytes)
    {
        if (!DeviceCommandKinds.TryParse(kind, out var parsedKind))
        {
            return null;
        }

        var text = string.IsNullOrWhiteSpace(json) ? "{}" : json;
        if (Encoding.UTF8.GetByteCount(text) > maxBytes)
        {
            return null;
        }

        using var document = TryParse(text);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var read = DeviceCommandCatalogue.Read(new DownlinkCommand(ProbeId, kind, ProtocolTimestamp.ToText(ProbeExp), document.RootElement), ProbeNow);
        if (!read.IsExecutable)
        {
            return null;
        }

        var args = DeviceCommandCatalogue.Create(parsedKind, ProbeId, ProbeExp, read.Arguments!).Args;
        return args is { } element ? JsonSerializer.Serialize(element) : "{}";
    }

    /// <summary>The stored arguments as the element a downlink command carries (null for an empty object).</summary>
    public static JsonElement? ToElement(string args)
    {
        using var document = JsonDocument.Parse(args);
        return document.RootElement.EnumerateObject().Any() ? document.RootElement.Clone() : null;
    }

    /// <summary>True when <paramref name="json"/> is one strict JSON object within <paramref name="maxBytes"/> (no duplicate members at any depth).</summary>
    public static bool IsResultObject(string? json, int maxBytes)
    {
        if (json is null || Encoding.UTF8.GetByteCount(json) > maxBytes)
        {
            return false;
        }

        using var document = TryParse(json);
        return document is { RootElement.ValueKind: JsonValueKind.Object };
    }

    private static JsonDocument? TryParse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions
            {
                AllowDuplicateProperties = false,
                AllowTrailingCommas = false,
                CommentHandling = JsonCommentHandling.Disallow,
                MaxDepth = ProtocolJson.MaxDepth,
            });
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
