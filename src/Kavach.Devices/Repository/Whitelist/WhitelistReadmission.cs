using Kavach.Devices.Registry;

namespace Kavach.Devices.Repository.Whitelist;

/// <summary>
/// Which registered serials a new whitelist batch may name: a device Quarantined (after a clone or compromise) or
/// Deregistered comes back only through fresh provisioning, a new factory-signed entry approved by four eyes. Any
/// other state still refuses the serial (<see cref="DeviceRepositoryErrors.BatchDuplicateSerial"/>).
/// </summary>
public static class WhitelistReadmission
{
    /// <summary>The states a batch may re-admit a serial from.</summary>
    public static IReadOnlySet<DeviceState> States { get; } = new HashSet<DeviceState> { DeviceState.Quarantined, DeviceState.Deregistered };

    /// <summary>Whether a batch may re-admit a device in <paramref name="state"/>.</summary>
    public static bool CanReadmit(DeviceState state) => States.Contains(state);

    /// <summary>The reason a certificate still live at re-admission is revoked with (a quarantined serial had two keys).</summary>
    public static string RevocationReason(DeviceState from) => from == DeviceState.Quarantined ? "keyCompromise" : "cessationOfOperation";
}
