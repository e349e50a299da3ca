using Kavach.DeviceAgent.Session;
using Kavach.DeviceAgent.State;

namespace Kavach.DeviceAgent.Provisioning;

/// <summary>What <c>kavach-agent status</c> shows of a device: phase, certificate, keys, clock and counters.</summary>
public sealed record AgentStatus(
    string SerialNo,
    string Make,
    string Model,
    string Certification,
    string State,
    string? MgmtId,
    string? Server,
    string? CertSerial,
    string? CertNotAfter,
    string KeyStore,
    int KeyGeneration,
    string? LastTrustedServerTime,
    string? LastTimeSync,
    long Seq,
    long ServerSeq,
    long ReleaseCounter,
    string FirmwareVersion,
    string? PendingRotation)
{
    /// <summary>The status of <paramref name="state"/> (bound to <paramref name="binding"/>, when it is).</summary>
    public static AgentStatus Of(DeviceState state, ServerBinding? binding)
    {
        ArgumentNullException.ThrowIfNull(state);
        var identity = state.Identity;
        return new AgentStatus(
            identity.SerialNo,
            identity.Make,
            identity.Model,
            identity.Certification,
            state.Phase,
            state.MgmtId,
            binding?.Server,
            state.CertificatePem is null ? null : CertificateFacts.SerialOf(state.CertificatePem),
            state.CertificatePem is null ? null : CertificateFacts.NotAfterOf(state.CertificatePem),
            state.KeyStore.Kind,
            state.KeyGeneration,
            state.TimeHighWater,
            state.LastTimeSync,
            state.Seq,
            state.ServerSeq,
            state.InstalledReleaseCounter,
            state.RunningFirmware ?? identity.FirmwareVersion,
            state.Rotation?.RotationId);
    }
}
