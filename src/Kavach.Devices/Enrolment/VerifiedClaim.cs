using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Enrolment;

/// <summary>An enrolment or re-enrolment claim whose signer, digital id and CSR passed every check for <see cref="Device"/>.</summary>
/// <param name="Device">The registry record as read.</param>
/// <param name="Organization">The provider's exact organisation name (the certificate's O).</param>
/// <param name="Key">The CSR's public key (the new device key).</param>
/// <param name="SpkiSha256">Hex SHA-256 of the new key.</param>
/// <param name="Csr">The DER CSR.</param>
/// <param name="Nonce">The challenge nonce the claim answers.</param>
internal sealed record VerifiedClaim(DeviceRecord Device, string Organization, PublicKey Key, string SpkiSha256, byte[] Csr, string Nonce);
