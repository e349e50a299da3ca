namespace Kavach.Devices.Server.DeviceRoutes;

/// <summary>The device routes of spec §4.4 and which of them are open without a client certificate.</summary>
public static class DevicePaths
{
    /// <summary>The device API prefix.</summary>
    public const string Prefix = "/v1";

    /// <summary>Enrolment nonce (no client certificate).</summary>
    public const string EnrollChallenge = "/v1/enroll/challenge";

    /// <summary>Enrolment with the FTM-signed CSR (no client certificate).</summary>
    public const string Enroll = "/v1/enroll";

    /// <summary>FTM-attested re-enrolment of a genuine device (spec §4.13.2; no client certificate).</summary>
    public const string Reenroll = "/v1/reenroll";

    /// <summary>Two-phase enrolment confirmation with the new device certificate.</summary>
    public const string EnrollConfirm = "/v1/enroll/confirm";

    /// <summary>Signed time (client certificate optional).</summary>
    public const string Time = "/v1/time";

    /// <summary>Check-in.</summary>
    public const string Checkin = "/v1/checkin";

    /// <summary>Pending commands (long-poll with <c>?wait=</c>).</summary>
    public const string Commands = "/v1/commands";

    /// <summary>A command's result.</summary>
    public const string CommandResult = "/v1/commands/{cmdId}/result";

    /// <summary>Key rotation: the CSR, signed with the current key.</summary>
    public const string Rotate = "/v1/keys/rotate";

    /// <summary>Key rotation: confirmation with the new certificate.</summary>
    public const string RotateConfirm = "/v1/keys/rotate/confirm";

    /// <summary>Update metadata and artifacts.</summary>
    public const string Updates = "/v1/updates";

    /// <summary>De-registration acknowledgement (zeroisation proof).</summary>
    public const string DeregisterAck = "/v1/deregister/ack";

    /// <summary>A signed update report (the spec names no path; docs/devices/updates.md).</summary>
    public const string UpdateReport = "/v1/updates/report";

    /// <summary>The media type of every device message, both ways (compact JWS/JWE).</summary>
    public const string JoseMediaType = "application/jose";

    /// <summary>True for a path under <c>/v1</c>.</summary>
    public static bool IsDeviceRoute(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True for the device routes a device without a certificate may call: enrolment, time, and the de-registration
    /// acknowledgement (an L1 device signs it with its FTM chip after zeroising its device key).
    /// </summary>
    public static bool IsOpen(PathString path) =>
        path.Equals(EnrollChallenge, StringComparison.OrdinalIgnoreCase) ||
        path.Equals(Enroll, StringComparison.OrdinalIgnoreCase) ||
        path.Equals(Reenroll, StringComparison.OrdinalIgnoreCase) ||
        path.Equals(DeregisterAck, StringComparison.OrdinalIgnoreCase) ||
        path.Equals(Time, StringComparison.OrdinalIgnoreCase);
}
