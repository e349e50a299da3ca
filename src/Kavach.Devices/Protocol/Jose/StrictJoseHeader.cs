using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;

namespace Kavach.Devices.Protocol.Jose;

/// <summary>
/// A protected header parsed against an exact member set: valid UTF-8, one JSON object, unique names, every member in
/// the allowed set with its JSON type (strings; <c>x5c</c> an array of strings), every required member present. Anything
/// else — <c>jku</c>, <c>x5u</c>, <c>crit</c>, <c>zip</c>, an unknown member — is refused, so a header means one thing.
/// </summary>
internal sealed class StrictJoseHeader
{
    private const int MaxHeaderBytes = 16 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 3,
    };

    private readonly Dictionary<string, string> _strings;

    private StrictJoseHeader(Dictionary<string, string> strings, IReadOnlyList<string>? x5c)
    {
        _strings = strings;
        X5c = x5c;
    }

    public string? Alg => Get("alg");

    public string? Enc => Get("enc");

    public string? Kid => Get("kid");

    public string? Cty => Get("cty");

    public string? Typ => Get("typ");

    public IReadOnlyList<string>? X5c { get; }

    public static bool TryParse(ReadOnlySpan<byte> json, IReadOnlySet<string> allowed, IReadOnlySet<string> required, [NotNullWhen(true)] out StrictJoseHeader? header)
    {
        header = null;
        if (json.IsEmpty || json.Length > MaxHeaderBytes || !Utf8.IsValid(json))
        {
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(json.ToArray(), DocumentOptions);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var strings = new Dictionary<string, string>(StringComparer.Ordinal);
            List<string>? x5c = null;
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (!allowed.Contains(property.Name))
                {
                    return false;
                }

                if (property.Name == "x5c")
                {
                    if (!TryReadStringArray(property.Value, out x5c))
                    {
                        return false;
                    }

                    continue;
                }

                if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString() is not { Length: > 0 } text)
                {
                    return false;
                }

                strings[property.Name] = text;
            }

            foreach (string name in required)
            {
                if (!(name == "x5c" ? x5c is not null : strings.ContainsKey(name)))
                {
                    return false;
                }
            }

            header = new StrictJoseHeader(strings, x5c);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\uD800") is valid JSON that has no string value.
            return false;
        }
    }

    private static bool TryReadStringArray(JsonElement element, [NotNullWhen(true)] out List<string>? values)
    {
        values = null;
        if (element.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var list = new List<string>();
        foreach (JsonElement item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } text)
            {
                return false;
            }

            list.Add(text);
        }

        values = list;
        return true;
    }

    private string? Get(string name) => _strings.TryGetValue(name, out string? value) ? value : null;
}
