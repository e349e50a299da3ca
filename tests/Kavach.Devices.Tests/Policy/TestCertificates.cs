using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Devices.Tests.Policy;

/// <summary>Throw-away self-signed certificates with chosen validity.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 SelfSigned(string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
    }
}
