namespace Kavach.Devices.Protocol.DigitalIds;

/// <summary>The device types and the sub-types MOSIP allows for each (CTK <c>DigitalIdResponseSchema</c>, spec §1.4).</summary>
public static class DigitalIdTypes
{
    /// <summary>Fingerprint devices: <c>Slap</c>, <c>Single</c>, <c>Touchless</c>.</summary>
    public const string Finger = "Finger";

    /// <summary>Iris devices: <c>Single</c>, <c>Double</c>.</summary>
    public const string Iris = "Iris";

    /// <summary>Face devices: <c>Full face</c>.</summary>
    public const string Face = "Face";

    private static readonly Dictionary<string, string[]> SubTypes = new(StringComparer.Ordinal)
    {
        [Finger] = ["Slap", "Single", "Touchless"],
        [Iris] = ["Single", "Double"],
        [Face] = ["Full face"],
    };

    /// <summary>Every type.</summary>
    public static IReadOnlyCollection<string> Types => SubTypes.Keys;

    /// <summary>The sub-types allowed for <paramref name="type"/>; empty for an unknown type.</summary>
    public static IReadOnlyList<string> SubTypesOf(string type) =>
        type is not null && SubTypes.TryGetValue(type, out string[]? values) ? values : [];

    /// <summary>True when <paramref name="deviceSubType"/> is allowed for <paramref name="type"/> (exact, case-sensitive).</summary>
    public static bool IsAllowed(string? type, string? deviceSubType) =>
        type is not null && deviceSubType is not null && SubTypesOf(type).Contains(deviceSubType, StringComparer.Ordinal);
}
