using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto.Jose;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;

namespace Kavach.Keys.Signatures;

/// <summary>A key allowed to sign, with its certificate, its MOSIP key id and its default algorithms.</summary>
public sealed record SigningKey(ResolvedKey Key, string? KeyId)
{
    /// <summary>The certificate.</summary>
    public X509Certificate2 Certificate => Key.Certificate;

    /// <summary>The kind of key (RSA, P-256, secp256k1, Ed25519).</summary>
    public SigningKeyKind Kind => Key.Alias.RefId switch
    {
        KeyIds.EcSecp256r1Sign => SigningKeyKind.EcP256,
        KeyIds.EcSecp256k1Sign => SigningKeyKind.EcSecp256k1,
        KeyIds.Ed25519Sign => SigningKeyKind.Ed25519,
        _ => SigningKeyKind.Rsa,
    };

    /// <summary><c>/jwtSign</c>'s algorithm: RS256 for RSA keys.</summary>
    public JwsAlgorithm JwtAlgorithm => DefaultFor(JwsAlgorithm.RS256);

    /// <summary><c>/jwsSign</c> and <c>/signV2</c>'s default algorithm: PS256 for RSA keys (MOSIP's choice).</summary>
    public JwsAlgorithm JwsAlgorithm => DefaultFor(JwsAlgorithm.PS256);

    /// <summary>True when <paramref name="algorithm"/> can be made with this key.</summary>
    public bool Supports(JwsAlgorithm algorithm) => algorithm switch
    {
        JwsAlgorithm.RS256 or JwsAlgorithm.PS256 => Kind == SigningKeyKind.Rsa,
        JwsAlgorithm.ES256 => Kind == SigningKeyKind.EcP256,
        JwsAlgorithm.ES256K => Kind == SigningKeyKind.EcSecp256k1,
        JwsAlgorithm.EdDSA => Kind == SigningKeyKind.Ed25519,
        _ => false,
    };

    private JwsAlgorithm DefaultFor(JwsAlgorithm rsa) => Kind switch
    {
        SigningKeyKind.EcP256 => JwsAlgorithm.ES256,
        SigningKeyKind.EcSecp256k1 => JwsAlgorithm.ES256K,
        SigningKeyKind.Ed25519 => JwsAlgorithm.EdDSA,
        _ => rsa,
    };
}
