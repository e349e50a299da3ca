using Kavach.Keys.Access;
using Kavach.Keys.Management;
using Kavach.Keys.Signatures;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Trust;

/// <summary>The key-manager services the trust store builds on: our ROOT and PMS keys, their paths, and who may use them.</summary>
/// <param name="Ring">The key ring (ROOT's certificate, loading our certificates).</param>
/// <param name="Keys">The key store (aliases of ROOT and PMS).</param>
/// <param name="Vault">The vault that signs with the PMS key.</param>
/// <param name="SigningKeys">The current PMS signing key, rotated when due.</param>
/// <param name="Certificates">Paths of our own certificates up to ROOT.</param>
/// <param name="Access">MOSIP's <c>hasKeyAccess</c>.</param>
public sealed record TrustDependencies(
    KeyRing Ring,
    IKeyStore Keys,
    IKeyVault Vault,
    SigningKeyProvider SigningKeys,
    CertificateService Certificates,
    KeyAccessPolicy Access);
