namespace Kavach.Devices.Transparency;

/// <summary>
/// One event of the transparency log, before it becomes a leaf. It holds only what a device certificate or a release
/// manifest already shows: the device serial, the FTM chip certificate's hash, the certificate serial and SPKI hash,
/// the time and a reason — no person's data, no key material. <see cref="TransparencyEntryCodec"/> gives its
/// canonical leaf bytes.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Time">When (kept to milliseconds, UTC).</param>
/// <param name="SerialNo">The device serial (not for releases).</param>
/// <param name="FtmCertSha256">Lower-case hex SHA-256 of the device's FTM chip certificate (L1), when known.</param>
/// <param name="CertSerial">The device certificate's serial, upper-case hex.</param>
/// <param name="SpkiSha256">Lower-case hex SHA-256 of the certificate's SubjectPublicKeyInfo.</param>
/// <param name="Reason">The RFC 5280 revocation reason or the de-registration reason code.</param>
/// <param name="PreviousCertSerial">For a rotation: the certificate it replaces.</param>
/// <param name="ReleaseCounter">For a release: its counter.</param>
/// <param name="ReleaseSha256">For a release: lower-case hex SHA-256 of its signed manifest.</param>
public sealed record TransparencyEntry(
    TransparencyEventKind Kind,
    DateTimeOffset Time,
    string? SerialNo = null,
    string? FtmCertSha256 = null,
    string? CertSerial = null,
    string? SpkiSha256 = null,
    string? Reason = null,
    string? PreviousCertSerial = null,
    long? ReleaseCounter = null,
    string? ReleaseSha256 = null);
