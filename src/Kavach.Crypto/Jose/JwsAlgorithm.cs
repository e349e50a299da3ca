namespace Kavach.Crypto.Jose;

/// <summary>The JWS algorithms MOSIP signs and verifies with; each member's name is its JOSE <c>alg</c> value.</summary>
public enum JwsAlgorithm
{
    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256.</summary>
    RS256,

    /// <summary>RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt.</summary>
    PS256,

    /// <summary>ECDSA on P-256 with SHA-256; the signature is IEEE P1363 <c>r || s</c>, 64 bytes.</summary>
    ES256,

    /// <summary>ECDSA on secp256k1 with SHA-256 (RFC 8812); the signature is <c>r || s</c>, 64 bytes.</summary>
    ES256K,

    /// <summary>Ed25519 (RFC 8037); the signature is 64 bytes.</summary>
    EdDSA,
}
