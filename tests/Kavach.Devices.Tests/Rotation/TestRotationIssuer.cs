using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;
using Kavach.Devices.Rotation;

namespace Kavach.Devices.Tests.Rotation;

/// <summary>A software device CA with the device profile's essentials (CN = serial, O = organisation, clientAuth), on the test clock.</summary>
internal sealed class TestRotationIssuer : IRotationCertificateIssuer, IDisposable
{
    private readonly RSA _caKey = RSA.Create(2048);
    private readonly TimeProvider _time;

    public TestRotationIssuer(TimeProvider time)
    {
        _time = time;
        var now = time.GetUtcNow();
        var request = new CertificateRequest("CN=Test Device CA,O=Kavach", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Ca = request.CreateSelfSigned(now.AddYears(-1), now.AddYears(5));
    }

    public X509Certificate2 Ca { get; }

    public int Issued { get; private set; }

    public Task<IssuedDeviceCertificate> IssueAsync(string serialNo, string organization, string mgmtId, PublicKey publicKey, CancellationToken cancellationToken)
    {
        Issued++;
        var certificate = Issue(serialNo, organization, publicKey, _time.GetUtcNow());
        var spki = Convert.ToHexStringLower(SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo()));
        return Task.FromResult(new IssuedDeviceCertificate(certificate, [certificate, Ca], certificate.SerialNumber.ToUpperInvariant(), spki));
    }

    public Task<IReadOnlyList<X509Certificate2>> ChainOfAsync(X509Certificate2 certificate, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<X509Certificate2>>([certificate, Ca]);

    public X509Certificate2 Issue(string serialNo, string organization, PublicKey publicKey, DateTimeOffset at)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(serialNo);
        subject.AddOrganizationName(organization);
        var request = new CertificateRequest(subject.Build(), publicKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var notBefore = at.AddMinutes(-1);
        return request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForRSA(_caKey, RSASignaturePadding.Pkcs1), notBefore, notBefore.AddDays(30).AddMinutes(1), RandomNumberGenerator.GetBytes(16).Select((b, i) => i == 0 ? (byte)(b & 0x7F | 0x01) : b).ToArray());
    }

    public void Dispose()
    {
        _caKey.Dispose();
        Ca.Dispose();
    }
}
