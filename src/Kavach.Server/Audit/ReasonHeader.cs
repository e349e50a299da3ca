using System.Text;

namespace Kavach.Server.Audit;

/// <summary>
/// The operator's reason for a request (<c>X-Kavach-Reason</c>, sent by the console with every action), written into the
/// request's audit record as <c>reason="…"</c>. The value is cut to <see cref="MaxLength"/> characters, control
/// characters are dropped, white space becomes <c>_</c> and <c>\</c> and <c>"</c> are escaped, so it stays one
/// <c>name=value</c> pair: no value can forge another pair (<c>revoked=…</c>) or end the quotes. It is never logged.
/// </summary>
internal static class ReasonHeader
{
    /// <summary>The header's name.</summary>
    public const string Name = "X-Kavach-Reason";

    /// <summary>The most characters of the reason kept (before escaping).</summary>
    public const int MaxLength = 200;

    /// <summary>The detail pair of the request's reason, or null when it sent none.</summary>
    public static string? Pair(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(Name, out var values) || values.Count == 0)
        {
            return null;
        }

        var cleaned = Clean(string.Join(' ', values.Where(v => v is not null)));
        return cleaned.Length == 0 ? null : "reason=\"" + cleaned + "\"";
    }

    /// <summary>The cleaned, escaped value (without the quotes).</summary>
    internal static string Clean(string value)
    {
        var builder = new StringBuilder(value.Length);
        var kept = 0;
        foreach (var c in value.Trim())
        {
            if (kept == MaxLength)
            {
                break;
            }

            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFEFF' or '\u200B')
            {
                continue;
            }

            kept++;
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                _ when char.IsWhiteSpace(c) => "_",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
