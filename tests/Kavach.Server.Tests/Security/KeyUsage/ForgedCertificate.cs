using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Server.Tests.Security.KeyUsage;

/// <summary>
/// An attacker's CA certificate "issued" by one of our keys: the TBSCertificate is laid out here, sent to a signing
/// endpoint as data, and the returned signature is put into the certificate.
/// </summary>
internal sealed class ForgedCertificate : IDisposable
{
    private static readonly byte[] SerialNumber = [0x13, 0x37, 0x42, 0x42, 0x13, 0x37];

    private readonly RSA _attackerKey = RSA.Create(2048);
    private readonly CertificateRequest _request;
    private readonly X509Certificate2 _victim;
    private readonly DateTimeOffset _notBefore;

    public ForgedCertificate(X509Certificate2 victim, DateTimeOffset now)
    {
        _victim = victim;
        _notBefore = now.AddHours(-1);
        _request = new CertificateRequest("CN=localhost, O=attacker", _attackerKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        _request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        _request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, true));
        _request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(victim, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        _request.CertificateExtensions.Add(san.Build());
        var capture = new FixedSignature([0]);
        using (Create(capture))
        {
            Tbs = capture.Signed!;
        }
    }

    /// <summary>The DER TBSCertificate the attacker wants signed.</summary>
    public byte[] Tbs { get; }

    /// <summary>The certificate with <paramref name="signature"/> as its signature, PEM.</summary>
    public string WithSignature(byte[] signature)
    {
        var fixedSignature = new FixedSignature(signature);
        using var certificate = Create(fixedSignature);
        Assert.Equal(Tbs, fixedSignature.Signed);
        return certificate.ExportCertificatePem();
    }

    public void Dispose() => _attackerKey.Dispose();

    private X509Certificate2 Create(X509SignatureGenerator generator) =>
        _request.Create(_victim.SubjectName, generator, _notBefore, _notBefore.AddYears(1), SerialNumber);

    /// <summary>Hands back a given signature and remembers what it was asked to sign.</summary>
    private sealed class FixedSignature(byte[] signature) : X509SignatureGenerator
    {
        public byte[]? Signed { get; private set; }

        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm)
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.2.840.113549.1.1.11");
                writer.WriteNull();
            }

            return writer.Encode();
        }

        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm)
        {
            Signed = data;
            return signature;
        }

        protected override PublicKey BuildPublicKey() => throw new NotSupportedException();
    }
}
