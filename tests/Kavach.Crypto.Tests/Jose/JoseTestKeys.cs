using System.Security.Cryptography;
using Kavach.Crypto.Jose;

namespace Kavach.Crypto.Tests.Jose;

/// <summary>Keys shared by the JOSE tests (generating RSA keys per test would dominate the run time).</summary>
internal static class JoseTestKeys
{
    private static readonly Lazy<RSA> Rsa = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> OtherRsa = new(() => RSA.Create(2048));
    private static readonly Lazy<ECDsa> P256 = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));
    private static readonly Lazy<ECDsa> OtherP256 = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));
    private static readonly Lazy<ECDsa> K1 = new(() => ECDsa.Create(ECCurve.CreateFromFriendlyName("secp256k1")));
    private static readonly Lazy<ECDsa> OtherK1 = new(() => ECDsa.Create(ECCurve.CreateFromFriendlyName("secp256k1")));
    private static readonly Lazy<Ed25519PrivateKey> Ed = new(Ed25519PrivateKey.Generate);
    private static readonly Lazy<Ed25519PrivateKey> OtherEd = new(Ed25519PrivateKey.Generate);

    public static readonly TheoryData<JwsAlgorithm> AllAlgorithms =
        [JwsAlgorithm.RS256, JwsAlgorithm.PS256, JwsAlgorithm.ES256, JwsAlgorithm.ES256K, JwsAlgorithm.EdDSA];

    public static RSA RsaKey => Rsa.Value;

    public static RSA OtherRsaKey => OtherRsa.Value;

    public static JoseTestKey For(JwsAlgorithm algorithm) => Make(algorithm, Rsa, P256, K1, Ed);

    /// <summary>A different key of the same kind, for wrong-key tests.</summary>
    public static JoseTestKey Other(JwsAlgorithm algorithm) => Make(algorithm, OtherRsa, OtherP256, OtherK1, OtherEd);

    private static JoseTestKey Make(JwsAlgorithm algorithm, Lazy<RSA> rsa, Lazy<ECDsa> p256, Lazy<ECDsa> k1, Lazy<Ed25519PrivateKey> ed) => algorithm switch
    {
        JwsAlgorithm.RS256 or JwsAlgorithm.PS256 => JoseTestKey.Rsa(algorithm, rsa.Value),
        JwsAlgorithm.ES256 => JoseTestKey.Ec(algorithm, p256.Value),
        JwsAlgorithm.ES256K => JoseTestKey.Ec(algorithm, k1.Value),
        _ => JoseTestKey.Ed(ed.Value),
    };
}
