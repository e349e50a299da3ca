using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Trust.Tests.Support;

/// <summary>TLS certificate signing requests as partners make them, and broken ones.</summary>
public static class Csrs
{
    public static string Rsa(int bits = 2048, string subject = "CN=whatever the partner asks")
    {
        using var key = bits == 2048 ? PregeneratedKeysRsa() : RSA.Create(bits);
        return new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem();
    }

    public static string Ec(ECCurve curve)
    {
        using var key = ECDsa.Create(curve);
        return new CertificateRequest("CN=ec partner", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
    }

    /// <summary>A request whose signature does not verify under its own key: no proof of possession.</summary>
    public static string WithoutProofOfPossession()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = new CertificateRequest("CN=stolen public key", key, HashAlgorithmName.SHA256).CreateSigningRequest();
        der[^3] ^= 0x55;
        return new string(PemEncoding.Write("CERTIFICATE REQUEST", der));
    }

    private static RSA PregeneratedKeysRsa() => Kavach.Testing.Keys.PregeneratedKeys.RsaKey(Random.Shared.Next(0, 64));
}
