using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Testing.PartnerChannel;

/// <summary>
/// The certificates of a partner channel test, made with .NET and written as PEM files: a partner TLS CA with a server
/// certificate (127.0.0.1, localhost) and a client certificate per partner (CN = partner id), a partner CA with each
/// partner's signature and encryption certificates, the service's signature and encryption certificates, and a rogue
/// TLS CA for attacks.
/// </summary>
public sealed class PartnerChannelPki : IDisposable
{
    private readonly TempDirectory _dir = new("kavach-pch-pki");
    private int _issued;

    private PartnerChannelPki(TimeProvider time)
    {
        var now = time.GetUtcNow();
        TlsCa = Authority("tls-ca", "Kavach Partner TLS CA", now);
        RogueTlsCa = Authority("rogue-tls-ca", "Rogue TLS CA", now);
        PartnerCa = Authority("partner-ca", "Partner Root CA", now);
        ServerTls = Issue("server-tls", "localhost", TlsCa, now, serverAuth: true);
        ServerSigning = Issue("server-signing", "IDA-SIGN", null, now);
        ServerEncryption = Issue("server-encryption", "IDA-PARTNER", null, now);
        Foreign = Issue("foreign-signing", "Foreign Signer", null, now);
        Now = now;
    }

    /// <summary>The partner TLS CA (what <c>ca-bundle.pem</c> holds).</summary>
    public ChannelIdentity TlsCa { get; }

    /// <summary>A CA partners are not issued by: a client certificate from it must not get through.</summary>
    public ChannelIdentity RogueTlsCa { get; }

    /// <summary>The partners' own CA (their signature and encryption certificates chain to it).</summary>
    public ChannelIdentity PartnerCa { get; }

    /// <summary>The service's TLS certificate (SAN 127.0.0.1 and localhost), issued by <see cref="TlsCa"/>.</summary>
    public ChannelIdentity ServerTls { get; }

    /// <summary>The service's signature certificate.</summary>
    public ChannelIdentity ServerSigning { get; }

    /// <summary>The service's encryption certificate.</summary>
    public ChannelIdentity ServerEncryption { get; }

    /// <summary>A signature certificate that is no one's pinned certificate.</summary>
    public ChannelIdentity Foreign { get; }

    /// <summary>The directory holding the files.</summary>
    public string Directory => _dir.Path;

    private DateTimeOffset Now { get; }

    /// <summary>Creates the PKI, valid around <paramref name="time"/>'s now.</summary>
    public static PartnerChannelPki Create(TimeProvider? time = null) => new(time ?? TimeProvider.System);

    /// <summary>A partner's three certificates: TLS client (from <paramref name="tlsIssuer"/>, default the TLS CA), signature and encryption.</summary>
    public PartnerIdentity Partner(string partnerId, ChannelIdentity? tlsIssuer = null)
    {
        // Files are named per call: a second identity under the same id (a rogue copy) must not overwrite the first.
        var files = $"{partnerId}-{Interlocked.Increment(ref _issued)}";
        return new(
            partnerId,
            Issue($"{files}-tls", partnerId, tlsIssuer ?? TlsCa, Now, serverAuth: false),
            Issue($"{files}-signing", $"{partnerId} signing", PartnerCa, Now),
            Issue($"{files}-encryption", $"{partnerId} encryption", PartnerCa, Now));
    }

    /// <inheritdoc />
    public void Dispose() => _dir.Dispose();

    private ChannelIdentity Authority(string name, string commonName, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=Kavach Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return Save(name, request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2)));
    }

    private ChannelIdentity Issue(string name, string commonName, ChannelIdentity? issuer, DateTimeOffset now, bool? serverAuth = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=Kavach Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        if (serverAuth is { } server)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
            if (server)
            {
                var names = new SubjectAlternativeNameBuilder();
                names.AddIpAddress(IPAddress.Loopback);
                names.AddDnsName("localhost");
                request.CertificateExtensions.Add(names.Build());
            }
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        X509Certificate2 certificate;
        if (issuer is null)
        {
            certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        }
        else
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, true, false));
            var serial = RandomNumberGenerator.GetBytes(16);
            serial[0] &= 0x7F;
            using var issued = request.Create(issuer.Certificate, now.AddDays(-1), now.AddYears(1), serial);
            certificate = issued.CopyWithPrivateKey(key);
        }

        return Save(name, certificate);
    }

    private ChannelIdentity Save(string name, X509Certificate2 certificate)
    {
        var certificatePath = _dir.File(name + ".pem");
        var keyPath = _dir.File(name + ".key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        using var rsa = certificate.GetRSAPrivateKey()!;
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem() + "\n");

        // A PFX round trip: on Linux, SslStream wants a certificate whose key is not an ephemeral handle.
        var pfx = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
        certificate.Dispose();
        return new ChannelIdentity(pfx, certificatePath, keyPath);
    }
}
