namespace Kavach.Keys.Vault;

/// <summary>Asymmetric key types a vault can generate.</summary>
public enum VaultKeyType
{
    /// <summary>RSA with a 2048-bit modulus.</summary>
    Rsa2048,

    /// <summary>ECDSA on NIST P-256 (secp256r1).</summary>
    EcP256,

    /// <summary>ECDSA on secp256k1.</summary>
    EcSecp256k1,

    /// <summary>RSA with a 3072-bit modulus (the device CA and the device server's keys, spec §4.1).</summary>
    Rsa3072,
}
