namespace Kavach.Devices.Registry;

/// <summary>Where a device is in its life (spec §4.11, plus the L0 manual-approval step of §4.5).</summary>
public enum DeviceState
{
    /// <summary>In an approved whitelist batch; may enrol.</summary>
    Whitelisted,

    /// <summary>An L0 device enrolled and waits for an administrator's manual approval before its certificate is issued.</summary>
    PendingApproval,

    /// <summary>Certificate issued; waits for the device to confirm with it (two-phase enrolment).</summary>
    PendingConfirm,

    /// <summary>Enrolled and confirmed; the only state in which device routes answer.</summary>
    Active,

    /// <summary>De-registration approved; only the deregister command and its acknowledgement are allowed.</summary>
    Deregistering,

    /// <summary>De-registered; its certificates are revoked. Re-enrolment needs a new whitelist approval (re-admission).</summary>
    Deregistered,

    /// <summary>Suspected clone or compromise; refused everywhere until an approved whitelist batch re-admits the serial.</summary>
    Quarantined,

    /// <summary>Its certificate expired; it re-enrols with its FTM (§4.13.2).</summary>
    Expired,
}
