using Kavach.Devices.Registry;

namespace Kavach.Devices.Server.Admin;

/// <summary>One device as the admin API shows it (registry fields; no key material, nothing biometric).</summary>
public sealed record DeviceView(
    string SerialNo,
    string? MgmtId,
    string ProviderId,
    string Make,
    string Model,
    string Type,
    string DeviceSubType,
    string Certification,
    string Purpose,
    string Env,
    string? FtmCertSha256,
    DeviceState State,
    long LastSeq,
    DateTimeOffset? LastCheckin,
    string? FirmwareVersion,
    long ReleaseCounter,
    bool RotationDue,
    string? BatchId,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The view of <paramref name="device"/>.</summary>
    public static DeviceView Of(DeviceRecord device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new(
            device.SerialNo, device.MgmtId, device.ProviderId, device.Make, device.Model, device.Type, device.DeviceSubType,
            device.Certification, device.Purpose, device.Env, device.FtmCertSha256, device.State, device.LastSeq,
            device.LastCheckin, device.FirmwareVersion, device.ReleaseCounter, device.RotationDue, device.BatchId, device.UpdatedAt);
    }
}
