using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;

namespace Kavach.Devices.Rotation;

/// <summary>What rotation needs of the device CA (<see cref="DeviceCaRotationIssuer"/> over <see cref="DeviceCertificateAuthority"/>).</summary>
public interface IRotationCertificateIssuer
{
    /// <summary>Issues a device certificate for <paramref name="publicKey"/> with the device profile (the checks on the request are the caller's).</summary>
    Task<IssuedDeviceCertificate> IssueAsync(string serialNo, string organization, string mgmtId, PublicKey publicKey, CancellationToken cancellationToken);

    /// <summary>The chain a device presents with <paramref name="certificate"/>: the certificate, its issuing CA, the root.</summary>
    Task<IReadOnlyList<X509Certificate2>> ChainOfAsync(X509Certificate2 certificate, CancellationToken cancellationToken);
}
