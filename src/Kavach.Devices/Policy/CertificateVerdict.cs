namespace Kavach.Devices.Policy;

/// <summary>What the policy says about a device's active certificate at one instant.</summary>
public enum CertificateVerdict
{
    /// <summary>Nothing to do.</summary>
    Current,

    /// <summary>Old enough (age ≥ <see cref="DevicePolicyOptions.RotateAfterDays"/>) to rotate.</summary>
    RotateByAge,

    /// <summary>Close enough to its end (≤ <see cref="DevicePolicyOptions.RenewBeforeDays"/> left) to rotate.</summary>
    RotateBeforeExpiry,

    /// <summary>Past its <c>notAfter</c>: the device can no longer rotate and must re-enrol with its FTM.</summary>
    Expired,
}
