using System.Security.Cryptography.X509Certificates;

namespace Kavach.Devices.Authority;

/// <summary>A device certificate the device CA issued, with what the device needs to present it.</summary>
/// <param name="Certificate">The device certificate.</param>
/// <param name="Chain">The certificate, the device CA and the root above it, in that order (the response's <c>certChain</c>).</param>
/// <param name="CertSerial">The certificate serial, upper-case hex.</param>
/// <param name="SpkiSha256">Hex SHA-256 of its SubjectPublicKeyInfo (the key-reuse index).</param>
public sealed record IssuedDeviceCertificate(X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Chain, string CertSerial, string SpkiSha256);
