namespace Kavach.Devices.Transparency;

/// <summary>What a transparency log entry records (spec §4.13.6).</summary>
public enum TransparencyEventKind
{
    /// <summary>The device CA issued a certificate at enrolment or re-enrolment (<c>certificate-issued</c>).</summary>
    CertificateIssued,

    /// <summary>The device CA issued a certificate by a key rotation (<c>certificate-rotated</c>).</summary>
    CertificateRotated,

    /// <summary>A device certificate was revoked (<c>certificate-revoked</c>).</summary>
    CertificateRevoked,

    /// <summary>A device was de-registered (<c>device-deregistered</c>).</summary>
    DeviceDeregistered,

    /// <summary>A firmware release was published (<c>release-published</c>).</summary>
    ReleasePublished,
}
