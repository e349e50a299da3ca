using System.Text.Json;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// What the admin API shows of a device's command result: its size, its top-level field names and a few non-secret
/// scalar fields (<see cref="Shown"/>), each at most 200 characters. The rest (device information, redacted logs)
/// stays in the store.
/// </summary>
public sealed record CommandResultSummary(int Bytes, IReadOnlyList<string> Fields, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The fields whose values are shown.</summary>
    public static readonly IReadOnlySet<string> Shown = new HashSet<string>(StringComparer.Ordinal)
    {
        "status", "error", "errorCode", "reason", "firmwareVersion", "releaseCounter",
    };

    private const int MaxFields = 32;
    private const int MaxValueLength = 200;

    /// <summary>The summary of <paramref name="resultJson"/>, or null when there is none.</summary>
    public static CommandResultSummary? Of(string? resultJson)
    {
        if (resultJson is null)
        {
            return null;
        }

        var bytes = System.Text.Encoding.UTF8.GetByteCount(resultJson);
        try
        {
            using var document = JsonDocument.Parse(resultJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(bytes, [], new Dictionary<string, string>());
            }

            var fields = new List<string>();
            var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (fields.Count == MaxFields)
                {
                    break;
                }

                fields.Add(Clip(property.Name));
                if (Shown.Contains(property.Name) && property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    values[property.Name] = Clip(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText());
                }
            }

            return new(bytes, fields, values);
        }
        catch (JsonException)
        {
            return new(bytes, [], new Dictionary<string, string>());
        }
    }

    private static string Clip(string text)
    {
        var clean = string.Concat(text.Where(static c => !char.IsControl(c)));
        return clean.Length <= MaxValueLength ? clean : clean[..MaxValueLength];
    }
}
