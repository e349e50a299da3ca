namespace Kavach.DeviceAgent.Keys;

/// <summary>
/// Key labels in a store that several devices of one host share: each carries the device's serial, so a finger and
/// an iris device on one TPM never meet. A rotation makes the next generation and destroys the previous.
/// </summary>
public static class DeviceKeyLabels
{
    /// <summary>The device key of <paramref name="serialNo"/>, generation <paramref name="generation"/> (1 at enrolment, +1 per rotation).</summary>
    public static string Device(string serialNo, int generation) => $"kavach-{serialNo}-device-{generation}";

    /// <summary>The simulated FTM chip key of <paramref name="serialNo"/>.</summary>
    public static string Ftm(string serialNo) => $"kavach-{serialNo}-ftm";
}
