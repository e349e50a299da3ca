namespace Kavach.Devices.Protocol.Commands;

/// <summary>Bounds on a device policy, so a signed but mistaken policy cannot stop check-ins or outlive certificates.</summary>
public static class PolicyRules
{
    /// <summary>True when 60 ≤ check-in seconds ≤ 86,400, 1 ≤ rotate-after days &lt; cert days ≤ 397.</summary>
    public static bool IsValid(int checkinSeconds, int rotateAfterDays, int certDays) =>
        checkinSeconds is >= 60 and <= 86_400
        && rotateAfterDays >= 1
        && certDays is >= 1 and <= 397
        && rotateAfterDays < certDays;
}
