using System.Text;

namespace Kavach.Devices.Registry;

/// <summary>
/// The reason an administrator gave for the action being done (the admin API's <c>X-Kavach-Reason</c> header), as an
/// ambient value of the current asynchronous flow: <see cref="AuditTrailDeviceAudit"/> adds it to every event the
/// action records, as <c>reason="…"</c>. Cleaned on entry: control characters dropped, at most
/// <see cref="MaxLength"/> characters, and quoted with <c>\</c> and <c>"</c> escaped, so it cannot end the value and
/// forge another <c>name=value</c> pair or line.
/// </summary>
public static class DeviceAuditReason
{
    /// <summary>The most characters of a reason kept.</summary>
    public const int MaxLength = 200;

    private static readonly AsyncLocal<string?> Ambient = new();

    /// <summary>The <c>reason="…"</c> pair of the current flow, or null.</summary>
    public static string? Current => Ambient.Value;

    /// <summary>
    /// Makes <paramref name="reason"/> (cleaned; nothing when empty) the current flow's reason. Call it in the async
    /// method whose callees record the events: the value does not flow back to its caller.
    /// </summary>
    public static void Enter(string? reason) => Ambient.Value = Pair(reason);

    /// <summary>The cleaned, quoted <c>reason="…"</c> pair of <paramref name="reason"/>, or null when nothing printable is left.</summary>
    public static string? Pair(string? reason)
    {
        if (reason is null)
        {
            return null;
        }

        var kept = new StringBuilder(Math.Min(reason.Length, MaxLength));
        foreach (var c in reason)
        {
            if (kept.Length == MaxLength)
            {
                break;
            }

            if (!char.IsControl(c) && !char.IsSurrogate(c) && c is not ('\u2028' or '\u2029'))
            {
                kept.Append(c);
            }
        }

        var text = kept.ToString().Trim();
        if (text.Length == 0)
        {
            return null;
        }

        return "reason=\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
