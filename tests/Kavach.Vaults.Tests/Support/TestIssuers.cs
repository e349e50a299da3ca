using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Vault;

namespace Kavach.Vaults.Tests.Support;

/// <summary>Certificate issuers for tests, built with <see cref="CertificateRequest"/>.</summary>
internal static class TestIssuers
{
    /// <summary>Issues a self-signed data-signing certificate (not a CA; digitalSignature) for the new key.</summary>
    public static CertificateIssuer SelfSigned(string commonName) => SelfSigned(commonName, ca: false);

    /// <summary>Issues a self-signed CA certificate (keyCertSign) for the new key: an issuing key, refused for data signing.</summary>
    public static CertificateIssuer SelfSignedCa(string commonName) => SelfSigned(commonName, ca: true);

    /// <summary>
    /// A certificate for <paramref name="publicKey"/> named <paramref name="commonName"/>, signed by a throw-away key of
    /// the test's own (a replacement certificate for a vault key), CA or not.
    /// </summary>
    public static X509Certificate2 SignedElsewhere(string commonName, PublicKey publicKey, bool ca = false)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), publicKey, HashAlgorithmName.SHA256);
        AddUsage(request, ca);
        var now = TimeProvider.System.GetUtcNow();
        return request.Create(
            new X500DistinguishedName("CN=elsewhere"), X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1), now.AddMinutes(-5), now.AddYears(1), NewSerial());
    }

    private static CertificateIssuer SelfSigned(string commonName, bool ca) => (publicKey, selfSigner) =>
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), publicKey, HashAlgorithmName.SHA256);
        AddUsage(request, ca);
        var now = TimeProvider.System.GetUtcNow();
        return request.Create(request.SubjectName, selfSigner, now.AddMinutes(-5), now.AddYears(1), NewSerial());
    };

    private static void AddUsage(CertificateRequest request, bool ca)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            ca ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.DigitalSignature, true));
    }

    /// <summary>An issuer that fails the way a broken CA call would.</summary>
    public static CertificateIssuer Throwing(Exception exception) => (_, _) => throw exception;

    /// <summary>Issues a self-signed certificate for a key of its own, not the vault's.</summary>
    public static X509Certificate2 ForeignCertificate(string commonName)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var withKey = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        return X509CertificateLoader.LoadCertificate(withKey.RawData);
    }

    /// <summary>True when <paramref name="certificate"/> verifies under its own public key.</summary>
    public static bool IsValidSelfSigned(X509Certificate2 certificate, out string status)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var valid = chain.Build(certificate);
        status = string.Join("; ", chain.ChainStatus.Select(s => $"{s.Status}: {s.StatusInformation}"));
        return valid;
    }

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        serial[0] |= 0x01; // no leading zero byte
        return new BigInteger(serial, isUnsigned: true, isBigEndian: true).ToByteArray(isUnsigned: true, isBigEndian: true);
    }
}
