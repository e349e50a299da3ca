using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.DeviceAgent.State;

namespace Kavach.DeviceAgent.Provisioning;

/// <summary>
/// A test FTM CA kept in a directory (<c>ftm-ca.pem</c>, <c>ftm-ca.key</c> 0600), made on first use: it stands for the
/// chip maker that certifies each FTM chip's key in the factory. Its certificate is what an administrator uploads to
/// the server's <c>FTM</c> trust domain. For simulators and tests; a real chip arrives with its certificate.
/// </summary>
public sealed class TestFtmAuthority : IDisposable
{
    private readonly RSA _key;

    private TestFtmAuthority(X509Certificate2 certificate, RSA key)
    {
        Certificate = certificate;
        _key = key;
    }

    /// <summary>The CA certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Opens the CA in <paramref name="directory"/>, making it when there is none.</summary>
    public static TestFtmAuthority OpenOrCreate(string directory, string organization, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        SecureFiles.EnsurePrivateDirectory(directory);
        var certificatePath = Path.Combine(directory, "ftm-ca.pem");
        var keyPath = Path.Combine(directory, "ftm-ca.key");
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            var key = RSA.Create();
            key.ImportFromPem(File.ReadAllText(keyPath));
            return new TestFtmAuthority(X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath)), key);
        }

        var created = RSA.Create(2048);
        var now = time.GetUtcNow();
        var request = new CertificateRequest($"CN={organization} Test FTM Root, O={organization} FTM, C=IN", created, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
        SecureFiles.WriteAtomically(keyPath, created.ExportPkcs8PrivateKeyPem());
        SecureFiles.WriteAtomically(certificatePath, certificate.ExportCertificatePem() + "\n");
        return new TestFtmAuthority(X509Certificate2.CreateFromPem(certificate.ExportCertificatePem()), created);
    }

    /// <summary>The chip certificate of <paramref name="serialNo"/> for <paramref name="chipKey"/> (10 years, digitalSignature).</summary>
    public X509Certificate2 IssueChip(string serialNo, string organization, RSA chipKey, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var request = new CertificateRequest($"CN={serialNo}, O={organization} FTM, C=IN", chipKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signer = Certificate.CopyWithPrivateKey(_key);
        return request.Create(signer, now.AddDays(-1), now.AddYears(10), serial);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
