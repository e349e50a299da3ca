using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Partners;

namespace Kavach.PartnerChannel.Tests.Support;

/// <summary>
/// Every certificate the tests need, made once per run: our TLS CA and server certificate, the partner TLS CA and a
/// foreign CA, two partners (A and B) with TLS, signature and encryption certificates, and our signature and
/// encryption certificates.
/// </summary>
internal sealed class TestPki
{
    private static readonly Lazy<TestPki> Lazy = new(() => new TestPki());

    private TestPki()
    {
        ServerTlsCa = CreateCa("CN=Kavach Test TLS CA");
        ServerTls = Issue(ServerTlsCa, "CN=127.0.0.1", serverAuth: true);
        PartnerTlsCa = CreateCa("CN=Kavach Test Partner TLS CA");
        ForeignCa = CreateCa("CN=Some Other CA");
        PartnerA = CreatePartner("partner-a", "Org A");
        PartnerB = CreatePartner("partner-b", "Org B");
        ForeignTlsForA = Issue(ForeignCa, "CN=partner-a", serverAuth: false);
        UnknownPartnerTls = Issue(PartnerTlsCa, "CN=partner-unknown", serverAuth: false);
        ExpiredTlsForA = Issue(PartnerTlsCa, "CN=partner-a", serverAuth: false, expired: true);
        ServerKeys = new CertificateChannelKeys(SelfSigned("CN=IDA SIGN"), SelfSigned("CN=IDA PARTNER"));
        OtherServerKeys = new CertificateChannelKeys(SelfSigned("CN=Impostor SIGN"), SelfSigned("CN=Impostor ENC"));
        ServerTlsBundle = [ServerTlsCa];
    }

    public static TestPki Instance => Lazy.Value;

    public X509Certificate2 ServerTlsCa { get; }

    public X509Certificate2 ServerTls { get; }

    public X509Certificate2Collection ServerTlsBundle { get; }

    public X509Certificate2 PartnerTlsCa { get; }

    public X509Certificate2 ForeignCa { get; }

    public TestPartner PartnerA { get; }

    public TestPartner PartnerB { get; }

    /// <summary>A TLS client certificate for partner-a's name, from a CA that is not ours.</summary>
    public X509Certificate2 ForeignTlsForA { get; }

    /// <summary>A TLS client certificate from our partner TLS CA for a partner that was never onboarded.</summary>
    public X509Certificate2 UnknownPartnerTls { get; }

    /// <summary>partner-a's name on a TLS client certificate from our CA that has expired.</summary>
    public X509Certificate2 ExpiredTlsForA { get; }

    public CertificateChannelKeys ServerKeys { get; }

    /// <summary>Keys of a service that is not the pinned one.</summary>
    public CertificateChannelKeys OtherServerKeys { get; }

    private TestPartner CreatePartner(string id, string organization)
    {
        X509Certificate2 tls = Issue(PartnerTlsCa, "CN=" + id, serverAuth: false);
        var keys = new CertificateChannelKeys(SelfSigned("CN=" + id + " SIGN"), SelfSigned("CN=" + id + " ENC"));
        var verified = new VerifiedPartner(id, organization, "AUTH",
            X509CertificateLoader.LoadCertificate(keys.SigningCertificate.RawData),
            X509CertificateLoader.LoadCertificate(keys.EncryptionCertificate.RawData));
        return new TestPartner(id, tls, keys, verified);
    }

    private static X509Certificate2 CreateCa(string subject)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, bool serverAuth, bool expired = false)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using X509Certificate2 issued = expired
            ? request.Create(ca, now.AddDays(-1), now.AddMinutes(-10), serial)
            : request.Create(ca, now.AddDays(-1), now.AddDays(30), serial);
        X509Certificate2 withKey = issued.CopyWithPrivateKey(key);

        // Through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    internal static X509Certificate2 SelfSigned(string subject)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        using X509Certificate2 certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
