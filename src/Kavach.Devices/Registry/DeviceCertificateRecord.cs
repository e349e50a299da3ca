namespace Kavach.Devices.Registry;

/// <summary>One certificate issued to a device by the device CA (table <c>device_cert</c>, spec §4.11).</summary>
/// <param name="CertSerial">The certificate serial, upper-case hex; the primary key.</param>
/// <param name="SerialNo">The device's serial number.</param>
/// <param name="SpkiSha256">Hex SHA-256 of the certificate's SubjectPublicKeyInfo; unique across all devices (a key is never certified twice).</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="Status">Pending, Active or Revoked.</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="Reason">The CRL reason when revoked (RFC 5280 name, e.g. <c>superseded</c>, <c>keyCompromise</c>, <c>cessationOfOperation</c>).</param>
/// <param name="RotationId">The rotation (or enrolment) that produced it, for idempotent retries.</param>
/// <param name="CsrSha256">Hex SHA-256 of the CSR it was issued from: a retry with the same id and CSR gets the same certificate, a different CSR is refused.</param>
/// <param name="Der">The certificate.</param>
public sealed record DeviceCertificateRecord(
    string CertSerial,
    string SerialNo,
    string SpkiSha256,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    DeviceCertificateStatus Status,
    DateTimeOffset? RevokedAt,
    string? Reason,
    string? RotationId,
    string? CsrSha256,
    byte[] Der);
