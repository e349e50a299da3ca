using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Crypto.Tests.Envelope;

/// <summary>One RSA-2048 recipient key and its self-signed certificate, made once for all envelope tests.</summary>
internal static class EnvelopeTestKeys
{
    private static readonly byte[] PrivateKeyPkcs8;

    static EnvelopeTestKeys()
    {
        using RSA rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Kavach envelope test, O=Kavach", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 certificate = request.CreateSelfSigned(
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2045, 1, 1, 0, 0, 0, TimeSpan.Zero));
        PrivateKeyPkcs8 = rsa.ExportPkcs8PrivateKey();
        PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem();
        CertificateDer = certificate.RawData;
        CertificatePem = certificate.ExportCertificatePem();

        // Computed here with .NET's SHA-256, independently of the code under test.
        Thumbprint = SHA256.HashData(CertificateDer);
    }

    internal static byte[] CertificateDer { get; }

    internal static string CertificatePem { get; }

    internal static string PrivateKeyPem { get; }

    /// <summary>SHA-256 of the certificate's DER.</summary>
    internal static byte[] Thumbprint { get; }

    /// <summary>A new RSA object holding the private key (each caller gets its own, so tests can run in parallel).</summary>
    internal static RSA NewPrivateKey()
    {
        RSA rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(PrivateKeyPkcs8, out _);
        return rsa;
    }

    /// <summary>A new RSA object holding only the public key, read from the certificate.</summary>
    internal static RSA NewPublicKey()
    {
        using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(CertificateDer);
        return certificate.GetRSAPublicKey() ?? throw new InvalidOperationException("The test certificate has no RSA key.");
    }
}
