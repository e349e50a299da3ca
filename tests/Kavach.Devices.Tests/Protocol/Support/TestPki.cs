using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Testing.Keys;

namespace Kavach.Devices.Tests.Protocol.Support;

/// <summary>
/// The certificates of a protocol test, made with .NET around a given time: the device CA under a root, an FTM root
/// with a chip certificate, the server-signing root with its signing certificate, the server encryption certificate,
/// and a rogue CA. Keys are the process's pregenerated RSA-2048 keys, so distinct identities within one PKI use
/// distinct keys up to eight; device certificates past that use fresh keys.
/// </summary>
internal sealed class TestPki
{
    private int _nextKey;

    public TestPki(DateTimeOffset now)
    {
        Now = now;
        Root = Authority("Kavach Root", null);
        DeviceCa = Authority("Kavach Device CA", Root);
        FtmRoot = Authority("FTM Root", null);
        ServerRoot = Authority("Mgmt Server Root", null);
        ServerSigning = Leaf("Device Server Signing", ServerRoot, clientAuth: false, now.AddDays(-1), now.AddYears(1));
        ServerEncryption = Leaf("Device Server Encryption", ServerRoot, clientAuth: false, now.AddDays(-1), now.AddYears(1));
        RogueCa = Authority("Rogue CA", null);
    }

    public DateTimeOffset Now { get; }

    public TestIdentity Root { get; }

    public TestIdentity DeviceCa { get; }

    public TestIdentity FtmRoot { get; }

    public TestIdentity ServerRoot { get; }

    public TestIdentity ServerSigning { get; }

    public TestIdentity ServerEncryption { get; }

    public TestIdentity RogueCa { get; }

    public const string EncryptionKid = "srv-enc-2026-01";

    /// <summary>A device certificate (EKU clientAuth, digitalSignature) for <paramref name="serialNo"/>, from the device CA unless told otherwise.</summary>
    public TestIdentity Device(string serialNo, TestIdentity? issuer = null, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool clientAuth = true, int keySize = 2048) =>
        Leaf(serialNo, issuer ?? DeviceCa, clientAuth, notBefore, notAfter, keySize);

    /// <summary>An FTM chip certificate, from the FTM root unless told otherwise.</summary>
    public TestIdentity FtmChip(string name, TestIdentity? issuer = null) => Leaf("FTM chip " + name, issuer ?? FtmRoot, clientAuth: false);

    /// <summary>A self-signed end-entity certificate.</summary>
    public TestIdentity SelfSigned(string name, int keySize = 2048)
    {
        RSA key = NewKey(keySize);
        var request = new CertificateRequest($"CN={name}, O=Kavach Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var cert = request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
        return new TestIdentity(X509CertificateLoader.LoadCertificate(cert.RawData), key);
    }

    private TestIdentity Authority(string name, TestIdentity? issuer)
    {
        RSA key = NewKey(2048);
        var request = new CertificateRequest($"CN={name}, O=Kavach Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        X509Certificate2 cert;
        if (issuer is null)
        {
            cert = request.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(10));
        }
        else
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, true, false));
            var generator = X509SignatureGenerator.CreateForRSA(issuer.Key, RSASignaturePadding.Pkcs1);
            cert = request.Create(issuer.Certificate.SubjectName, generator, Now.AddYears(-1), Now.AddYears(5), RandomNumberGenerator.GetBytes(16).Select((b, i) => i == 0 ? (byte)(b & 0x7F) : b).ToArray());
        }

        return new TestIdentity(X509CertificateLoader.LoadCertificate(cert.RawData), key);
    }

    private TestIdentity Leaf(string name, TestIdentity issuer, bool clientAuth, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, int keySize = 2048)
    {
        RSA key = NewKey(keySize);
        var request = new CertificateRequest($"CN={name}, O=Kavach Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(clientAuth ? "1.3.6.1.5.5.7.3.2" : "1.3.6.1.5.5.7.3.4")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, true, false));
        var generator = X509SignatureGenerator.CreateForRSA(issuer.Key, RSASignaturePadding.Pkcs1);
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var cert = request.Create(issuer.Certificate.SubjectName, generator, notBefore ?? Now.AddMinutes(-1), notAfter ?? Now.AddDays(30), serial);
        return new TestIdentity(X509CertificateLoader.LoadCertificate(cert.RawData), key);
    }

    private RSA NewKey(int keySize)
    {
        if (keySize != 2048)
        {
            return RSA.Create(keySize);
        }

        int index = Interlocked.Increment(ref _nextKey) - 1;
        return index < PregeneratedKeys.Distinct ? PregeneratedKeys.RsaKey(index) : RSA.Create(2048);
    }
}
