using System.Text.Json.Serialization;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// One device as the admin API shows it (registry fields; no key material, nothing biometric). <c>serial</c> and
/// <c>serialNo</c> carry the same value (the console uses the first, older clients the second);
/// <c>certificateExpiresAt</c> is the end of the device's Active certificate, null when it has none.
/// </summary>
public sealed record DeviceView(
    string Serial,
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? LastCheckIn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FirmwareVersion,
    long ReleaseCounter,
    bool RotationDue,
    string? BatchId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? CertificateExpiresAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The view of <paramref name="device"/>, with its Active certificate's end when known.</summary>
    public static DeviceView Of(DeviceRecord device, DateTimeOffset? certificateExpiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new(
            device.SerialNo, device.SerialNo, device.MgmtId, device.ProviderId, device.Make, device.Model, device.Type, device.DeviceSubType,
            device.Certification, device.Purpose, device.Env, device.FtmCertSha256, device.State, device.LastSeq,
            device.LastCheckin, device.FirmwareVersion, device.ReleaseCounter, device.RotationDue, device.BatchId, certificateExpiresAt, device.UpdatedAt);
    }
}
