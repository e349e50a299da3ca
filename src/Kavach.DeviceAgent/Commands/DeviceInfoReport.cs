using Kavach.DeviceAgent.Session;

namespace Kavach.DeviceAgent.Commands;

/// <summary>The <c>getDeviceInfo</c> result: identity, versions, certificate and key protection; nothing biometric.</summary>
public sealed record DeviceInfoReport(
    string SerialNo,
    string Make,
    string Model,
    string Type,
    string DeviceSubType,
    string Certification,
    string FirmwareVersion,
    long ReleaseCounter,
    string? CertSerial,
    string? CertNotAfter,
    string KeyStore,
    bool HardwareKeys,
    string? LastTimeSync)
{
    /// <summary>The report for the device of <paramref name="session"/>.</summary>
    public static DeviceInfoReport Of(DeviceSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var state = session.State;
        var identity = state.Identity;
        return new DeviceInfoReport(
            identity.SerialNo,
            identity.Make,
            identity.Model,
            identity.Type,
            identity.DeviceSubType,
            identity.Certification,
            state.RunningFirmware ?? identity.FirmwareVersion,
            state.InstalledReleaseCounter,
            state.CertificatePem is null ? null : CertificateFacts.SerialOf(state.CertificatePem),
            state.CertificatePem is null ? null : CertificateFacts.NotAfterOf(state.CertificatePem),
            session.Keys.Kind,
            session.Keys.IsHardware,
            state.LastTimeSync);
    }
}
