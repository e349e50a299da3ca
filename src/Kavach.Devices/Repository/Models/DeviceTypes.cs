namespace Kavach.Devices.Repository.Models;

/// <summary>MOSIP's device types and the sub-types valid for each (SBI digital id; CTK <c>DigitalIdResponseSchema</c>).</summary>
public static class DeviceTypes
{
    private static readonly Dictionary<string, string[]> SubTypes = new(StringComparer.Ordinal)
    {
        ["Finger"] = ["Slap", "Single", "Touchless"],
        ["Iris"] = ["Single", "Double"],
        ["Face"] = ["Full face"],
    };

    /// <summary>True when <paramref name="type"/> is Finger, Iris or Face and <paramref name="subType"/> is one of its sub-types (exact case, as MOSIP's enums).</summary>
    public static bool IsValid(string? type, string? subType) =>
        type is not null && subType is not null && SubTypes.TryGetValue(type, out var allowed) && allowed.Contains(subType, StringComparer.Ordinal);
}
