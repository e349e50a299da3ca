using Kavach.DeviceAgent.Identity;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.DeviceAgent.State;

/// <summary>
/// Everything a device must remember across reboots (spec §4.3, §4.7): its identity and phase, its certificate (never
/// its key: that stays in the key store), both sequence numbers, the time high-water mark, its policy and what it has
/// installed. Written atomically after every change (<see cref="DeviceStateFile"/>).
/// </summary>
public sealed class DeviceState
{
    /// <summary>The device's provisioned identity.</summary>
    public required DeviceIdentity Identity { get; init; }

    /// <summary>Where its keys live.</summary>
    public required Kavach.DeviceAgent.Keys.KeyStoreSettings KeyStore { get; init; }

    /// <summary>The FTM chip certificate (PEM) of an L1 device.</summary>
    public string? FtmCertificatePem { get; set; }

    /// <summary>L0 provisioned with a one-time enrolment secret instead of a pre-registered key hash: the secret, kept in this 0600 file until the server records the enrolment.</summary>
    public string? L0EnrolmentSecret { get; set; }

    /// <summary><see cref="DevicePhase"/>.</summary>
    public string Phase { get; set; } = DevicePhase.Provisioned;

    /// <summary>The server's management id for the device.</summary>
    public string? MgmtId { get; set; }

    /// <summary>The device certificate in use (PEM), then its CA chain.</summary>
    public string? CertificatePem { get; set; }

    /// <summary>The generation of the device key in use (1 at enrolment).</summary>
    public int KeyGeneration { get; set; }

    /// <summary>The last uplink <c>seq</c> used; the next message takes one above it, saved before it is sent.</summary>
    public long Seq { get; set; }

    /// <summary>The highest server <c>seq</c> accepted.</summary>
    public long ServerSeq { get; set; }

    /// <summary>The latest trusted time seen (ISO 8601 UTC, ms): a server time earlier than this less 5 s is refused.</summary>
    public string? TimeHighWater { get; set; }

    /// <summary>When the clock was last synchronised with signed server time.</summary>
    public string? LastTimeSync { get; set; }

    /// <summary>The policy the server set.</summary>
    public DevicePolicy Policy { get; set; } = new(900, 20, 30);

    /// <summary>
    /// Key generations replaced by a rotation whose destruction has not succeeded yet (the key store busy or failing):
    /// each round tries again until the key is gone.
    /// </summary>
    public List<int> RetiredKeyGenerations { get; set; } = [];

    /// <summary>A rotation under way.</summary>
    public PendingRotation? Rotation { get; set; }

    /// <summary>The release counter installed (0: factory firmware).</summary>
    public long InstalledReleaseCounter { get; set; }

    /// <summary>The firmware version running now (the factory's until an update commits).</summary>
    public string? RunningFirmware { get; set; }

    /// <summary>The Release Root public keys the factory provisioned (base64url DER SubjectPublicKeyInfo); none: no updates.</summary>
    public List<string> UpdateRootKeys { get; set; } = [];

    /// <summary>How many Release Root signatures a trust document needs.</summary>
    public int UpdateRootThreshold { get; set; } = 1;

    /// <summary>The firmware slot running now (<c>a</c> or <c>b</c>).</summary>
    public string ActiveSlot { get; set; } = "a";

    /// <summary>The update trust document (<c>trust.json</c>) last accepted, as received.</summary>
    public string? UpdateTrust { get; set; }

    /// <summary>An installed update waiting for its first good start (commit) or a failed one (roll back).</summary>
    public PendingInstall? PendingInstall { get; set; }

    /// <summary>True once the server accepted the zeroisation proof of a de-registration.</summary>
    public bool DeregistrationAcknowledged { get; set; }

    /// <summary>The certificate serial given up at de-registration (the proof names it).</summary>
    public string? DeregisteredCertSerial { get; set; }
}
