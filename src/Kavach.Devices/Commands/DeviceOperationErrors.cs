using Kavach.Keys.Errors;

namespace Kavach.Devices.Commands;

/// <summary>
/// The operations errors (KER-DEV-060–079): commands, check-in, time and rotation. A device is told only the code the
/// host maps it to; the detail of why goes to the audit record.
/// </summary>
public static class DeviceOperationErrors
{
    /// <summary>KER-DEV-060: no such command for this device (an unknown id and another device's id look alike).</summary>
    public static readonly KavachError UnknownCommand = new("KER-DEV-060", "Command not found");

    /// <summary>KER-DEV-061: the kind is not in the closed catalogue, or not one an administrator may queue, or its arguments are invalid.</summary>
    public static readonly KavachError CommandNotAllowed = new("KER-DEV-061", "Command kind or arguments not allowed");

    /// <summary>KER-DEV-062: the device does not exist or its state does not take this command.</summary>
    public static readonly KavachError DeviceNotCommandable = new("KER-DEV-062", "Device cannot take this command in its state");

    /// <summary>KER-DEV-063: a different result for a command that already has one.</summary>
    public static readonly KavachError ResultConflict = new("KER-DEV-063", "Command already has a different result");

    /// <summary>KER-DEV-064: the command timed out or was never delivered; it takes no result.</summary>
    public static readonly KavachError CommandClosed = new("KER-DEV-064", "Command no longer takes a result");

    /// <summary>KER-DEV-065: the result is not a final outcome, not a JSON object, or too large.</summary>
    public static readonly KavachError InvalidResult = new("KER-DEV-065", "Invalid command result");

    /// <summary>KER-DEV-066: the server's clock is not disciplined well enough to sign time.</summary>
    public static readonly KavachError ClockNotDisciplined = new("KER-DEV-066", "Trusted time unavailable");

    /// <summary>KER-DEV-067: the time request's nonce is not 32 random bytes in base64url.</summary>
    public static readonly KavachError InvalidNonce = new("KER-DEV-067", "Invalid nonce");

    /// <summary>KER-DEV-068: no open rotation with this id for this device (none offered, finished, or past its deadline).</summary>
    public static readonly KavachError NoPendingRotation = new("KER-DEV-068", "No pending key rotation");

    /// <summary>KER-DEV-069: a retry of a rotation carries a different CSR than the first request.</summary>
    public static readonly KavachError RotationCsrMismatch = new("KER-DEV-069", "Rotation request differs from the first one");

    /// <summary>KER-DEV-070: the rotation request is not signed with the device's current key, or the confirm not with the new one.</summary>
    public static readonly KavachError RotationWrongKey = new("KER-DEV-070", "Rotation message signed with the wrong key");

    /// <summary>KER-DEV-071: the rotation CSR is malformed, fails proof of possession, has a weak or reused key.</summary>
    public static readonly KavachError RotationCsrInvalid = new("KER-DEV-071", "Invalid rotation CSR");

    /// <summary>KER-DEV-072: the device certificate authority could not issue the rotated certificate.</summary>
    public static readonly KavachError RotationIssueFailed = new("KER-DEV-072", "Rotated certificate not issued");

    /// <summary>KER-DEV-073: the device is unknown or not in a state that checks in.</summary>
    public static readonly KavachError DeviceNotActive = new("KER-DEV-073", "Device not active");

    /// <summary>KER-DEV-074: the check-in telemetry is invalid.</summary>
    public static readonly KavachError InvalidTelemetry = new("KER-DEV-074", "Invalid check-in telemetry");

    /// <summary>KER-DEV-075: the TLS client certificate is not the active, valid certificate of a device that takes commands.</summary>
    public static readonly KavachError NotADeviceCertificate = new("KER-DEV-075", "Client certificate not accepted");
}
