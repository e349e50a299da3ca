namespace Kavach.Devices.Registry;

/// <summary>The state of one device certificate (table <c>device_cert</c>).</summary>
public enum DeviceCertificateStatus
{
    /// <summary>Issued, waiting for the device's confirm (enrolment or rotation); not accepted on device routes.</summary>
    Pending,

    /// <summary>The device's current certificate; at most one per serial.</summary>
    Active,

    /// <summary>Revoked (superseded, cessation of operation, key compromise, unconfirmed); listed in the CRL until it expires.</summary>
    Revoked,
}
