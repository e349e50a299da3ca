namespace Kavach.Keys.Signatures;

/// <summary>The kinds of signing key in the hierarchy.</summary>
public enum SigningKeyKind
{
    /// <summary>RSA-2048 (KERNEL/SIGN, module keys).</summary>
    Rsa,

    /// <summary>ECDSA on P-256 (<c>EC_SECP256R1_SIGN</c>).</summary>
    EcP256,

    /// <summary>ECDSA on secp256k1 (<c>EC_SECP256K1_SIGN</c>).</summary>
    EcSecp256k1,

    /// <summary>Ed25519 (<c>ED25519_SIGN</c>).</summary>
    Ed25519,
}
