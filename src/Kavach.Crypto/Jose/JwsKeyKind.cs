namespace Kavach.Crypto.Jose;

/// <summary>The kinds of public key a JWS can be verified with; each admits only its own algorithms.</summary>
internal enum JwsKeyKind
{
    Rsa,
    EcP256,
    EcSecp256k1,
    Ed25519,
}
