using Kavach.Keys.Errors;

namespace Kavach.Devices.Deregistration;

/// <summary>
/// Codes of de-registration and compromise (<c>KER-DEV-125</c>…<c>129</c>, in the transparency/hooks owner's range).
/// A device's own acknowledgement is refused with the protocol's one answer (<c>KER-DEV-001</c>); these codes are for
/// administrators.
/// </summary>
public static class DeregistrationErrors
{
    /// <summary>A serial, reason or principal that is missing, too long or not printable.</summary>
    public static readonly KavachError InvalidRequest = new("KER-DEV-125", "Invalid de-registration request: %s.");

    /// <summary>No device with that serial.</summary>
    public static readonly KavachError DeviceNotFound = new("KER-DEV-126", "Device not found.");

    /// <summary>The device is not in a state the action applies to (de-registration needs Active; compromise needs a device that was enrolled).</summary>
    public static readonly KavachError DeviceNotEligible = new("KER-DEV-127", "The device cannot be de-registered in its current state.");

    /// <summary>The device already has an open de-registration.</summary>
    public static readonly KavachError AlreadyOpen = new("KER-DEV-128", "A de-registration of this device is already open.");

    /// <summary>The approved request no longer matches its de-registration (it moved, or the device left Active): nothing was applied.</summary>
    public static readonly KavachError Stale = new("KER-DEV-129", "The de-registration request is no longer applicable.");
}
