namespace Kavach.Devices.Policy;

/// <summary>The actor names operations writes in audit events.</summary>
public static class OperationsActors
{
    /// <summary>The system itself (jobs, rotation offers, time-outs).</summary>
    public const string System = "SYSTEM";

    /// <summary>A device's own request.</summary>
    public static string Device(string serialNo) => "device:" + serialNo;
}
