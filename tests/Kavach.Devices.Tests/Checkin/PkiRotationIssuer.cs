using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;
using Kavach.Devices.Rotation;
using Kavach.Devices.Tests.Protocol.Support;

namespace Kavach.Devices.Tests.Checkin;

/// <summary>Issues rotated certificates from the protocol test PKI's device CA, so the message gate admits them as it admits enrolled ones.</summary>
internal sealed class PkiRotationIssuer(TestPki pki, TimeProvider time) : IRotationCertificateIssuer
{
    public Task<IssuedDeviceCertificate> IssueAsync(string serialNo, string organization, string mgmtId, PublicKey publicKey, CancellationToken cancellationToken)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(serialNo);
        subject.AddOrganizationName(organization);
        var request = new CertificateRequest(subject.Build(), publicKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(pki.DeviceCa.Certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        var notBefore = time.GetUtcNow().AddMinutes(-1);
        var certificate = request.Create(pki.DeviceCa.Certificate.SubjectName, X509SignatureGenerator.CreateForRSA(pki.DeviceCa.Key, RSASignaturePadding.Pkcs1), notBefore, notBefore.AddDays(30), serial);
        var spki = Convert.ToHexStringLower(SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo()));
        return Task.FromResult(new IssuedDeviceCertificate(certificate, [certificate, pki.DeviceCa.Certificate, pki.Root.Certificate], certificate.SerialNumber.ToUpperInvariant(), spki));
    }

    public Task<IReadOnlyList<X509Certificate2>> ChainOfAsync(X509Certificate2 certificate, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<X509Certificate2>>([certificate, pki.DeviceCa.Certificate, pki.Root.Certificate]);
}
