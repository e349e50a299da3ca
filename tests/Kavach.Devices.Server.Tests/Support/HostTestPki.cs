using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;

namespace Kavach.Devices.Server.Tests.Support;

/// <summary>
/// A throw-away device PKI for the host's door tests: a root, a device issuing CA under it, device certificates
/// (clientAuth) from that CA, and rogue certificates (self-signed; from another CA) that must not pass.
/// </summary>
internal sealed class HostTestPki : IDeviceCaCertificates, IDisposable
{
    private readonly RSA _rootKey = RSA.Create(2048);
    private readonly RSA _caKey = RSA.Create(2048);

    public HostTestPki(DateTimeOffset now)
    {
        Now = now;
        Root = SelfSigned("CN=Test Device Root", _rootKey, now, ca: true);
        var request = new CertificateRequest("CN=Test Device Issuing CA", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var ca = request.Create(Root, now.AddDays(-1), now.AddYears(3), [1, 2, 3, 4]);
        IssuingCa = ca.CopyWithPrivateKey(_caKey);
    }

    public DateTimeOffset Now { get; }

    public X509Certificate2 Root { get; }

    public X509Certificate2 IssuingCa { get; }

    public ValueTask<DeviceTrustAnchors> GetTrustAnchorsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new DeviceTrustAnchors([IssuingCa], Root));

    /// <summary>A device certificate for <paramref name="serial"/> with its private key, issued by the device CA.</summary>
    public X509Certificate2 IssueDevice(string serial)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={serial}, O=Test Provider", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(IssuingCa, Now.AddMinutes(-1), Now.AddDays(30), RandomNumberGenerator.GetBytes(16));
        return Exportable(issued.CopyWithPrivateKey(key));
    }

    /// <summary>A self-signed certificate claiming to be <paramref name="serial"/> (the rogue device).</summary>
    public static X509Certificate2 SelfSignedDevice(string serial, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        using var certificate = SelfSigned($"CN={serial}, O=Test Provider", key, now, ca: false);
        return Exportable(certificate);
    }

    public void Dispose()
    {
        Root.Dispose();
        IssuingCa.Dispose();
        _rootKey.Dispose();
        _caKey.Dispose();
    }

    private static X509Certificate2 SelfSigned(string subject, RSA key, DateTimeOffset now, bool ca)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        if (ca)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        }
        else
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        }

        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(ca ? 10 : 1));
    }

    // SslStream on Linux needs a client certificate whose key it can hand to OpenSSL: a PKCS#12 round trip gives one.
    private static X509Certificate2 Exportable(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
