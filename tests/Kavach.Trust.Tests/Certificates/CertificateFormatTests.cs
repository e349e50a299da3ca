using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Testing;
using Kavach.Trust.Certificates;
using Kavach.Trust.Tests.Support;

namespace Kavach.Trust.Tests.Certificates;

public sealed class CertificateFormatTests
{
    [Fact]
    public void Distinguished_names_use_MOSIPs_order_and_only_present_attributes()
    {
        var name = new X500DistinguishedName("C=IN, ST=KA, L=Bengaluru, O=Mosip, OU=Keymanager, CN=Test User");
        Assert.Equal("CN=Test User,OU=Keymanager,O=Mosip,L=Bengaluru,ST=KA,C=IN", DistinguishedNames.Format(name));
        Assert.Equal("CN=Only,C=IN", DistinguishedNames.Format(new X500DistinguishedName("C=IN, E=x@example.org, CN=Only")));
    }

    [Fact]
    public void Thumbprint_is_sha1_lower_hex_and_serial_is_decimal()
    {
        var root = TestPki.Root("facts");
        var thumbprint = CertificateFacts.Thumbprint(root);
        Assert.Equal(40, thumbprint.Length);
        Assert.Equal(root.Thumbprint.ToLowerInvariant(), thumbprint);
        Assert.Equal("-1", CertificateFacts.SerialNumber([0xFF]));
        Assert.Equal("255", CertificateFacts.SerialNumber([0x00, 0xFF]));
    }

    [Fact]
    public void Self_signed_detection_covers_RSA_PSS_ECDSA_and_SHA1()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var ecRoot = new CertificateRequest("CN=ec", ec, HashAlgorithmName.SHA384).CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(10));
        using var rsa = RSA.Create(2048);
        var pss = new CertificateRequest("CN=pss", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pss).CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(10));
        var sha1Request = new CertificateRequest("CN=sha1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var sha1 = sha1Request.Create(sha1Request.SubjectName, new Sha1RsaSignatureGenerator(rsa), TestPki.Now.AddDays(-1), TestPki.Now.AddDays(10), [1, 2, 3]);
        var root = TestPki.Root("self");
        var leaf = TestPki.Leaf(root, "leaf");

        Assert.True(CertificateFacts.IsSelfSigned(ecRoot));
        Assert.True(CertificateFacts.IsSelfSigned(pss));
        Assert.True(CertificateFacts.IsSelfSigned(sha1));
        Assert.True(CertificateFacts.IsSelfSigned(root));
        Assert.False(CertificateFacts.IsSelfSigned(leaf));
        Assert.True(CertificateFacts.IsIssuedBy(leaf, root));
        Assert.Equal("SHA1withRSA", CertificateFacts.SignatureAlgorithmName(sha1));
        Assert.False(CertificateFacts.HasSha2Signature(sha1));
        Assert.Equal("SHA384withECDSA", CertificateFacts.SignatureAlgorithmName(ecRoot));
        Assert.True(CertificateFacts.HasSha2Signature(ecRoot));
        Assert.Equal("RSASSA-PSS", CertificateFacts.SignatureAlgorithmName(pss));
    }

    [Fact]
    public async Task Certs_only_PKCS7_keeps_the_order_and_openssl_reads_it()
    {
        var root = TestPki.Root("p7-root");
        var inter = TestPki.Intermediate(root, "p7-inter");
        var leaf = TestPki.Leaf(inter, "p7-leaf");
        var der = CertsOnlyPkcs7.Encode([leaf, inter, root]);

        Assert.True(CertsOnlyPkcs7.TryDecode(der, out var decoded));
        Assert.Equal([leaf.Thumbprint, inter.Thumbprint, root.Thumbprint], decoded.Select(c => c.Thumbprint));

        using var dir = new TempDirectory("kavach-p7");
        await File.WriteAllBytesAsync(dir.File("chain.p7b"), der);
        var (code, stdout, stderr) = await ExternalTool.OpenSslAsync("pkcs7", "-inform", "DER", "-in", dir.File("chain.p7b"), "-print_certs", "-noout");
        Assert.True(code == 0, stderr);
        var subjects = stdout.Split('\n').Where(l => l.StartsWith("subject", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, subjects.Count);
        Assert.Contains("p7-leaf", subjects[0], StringComparison.Ordinal);
        Assert.Contains("p7-root", subjects[2], StringComparison.Ordinal);

        // A bundle made by .NET itself (and so by OpenSSL) reads too.
        Assert.True(CertsOnlyPkcs7.TryDecode(new X509Certificate2Collection(new[] { root, inter }).Export(X509ContentType.Pkcs7)!, out var exported));
        Assert.Equal(2, exported.Count);
        Assert.False(CertsOnlyPkcs7.TryDecode(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 }, out _));
    }

    [Fact]
    public void Bundles_are_read_from_PEM_PEM_PKCS7_and_base64url_DER()
    {
        var root = TestPki.Root("bundle-root");
        var inter = TestPki.Intermediate(root, "bundle-inter");
        var der = CertsOnlyPkcs7.Encode([inter, root]);

        var pem = CertificateInput.ParseBundle(TestPki.Pem(inter) + "\n" + TestPki.Pem(root), 10);
        Assert.Equal([inter.Thumbprint, root.Thumbprint], pem.Value.Select(c => c.Thumbprint));

        // PKCS#7 lists are reversed, as MOSIP does: leaf-first bundles are read root first.
        var p7 = CertificateInput.ParseBundle(Base64Url.Encode(der), 10);
        Assert.Equal([root.Thumbprint, inter.Thumbprint], p7.Value.Select(c => c.Thumbprint));
        var p7Pem = CertificateInput.ParseBundle(new string(PemEncoding.Write("PKCS7", der)), 10);
        Assert.Equal(2, p7Pem.Value.Count);

        // JSON clients sometimes send literal "\n".
        var escaped = CertificateInput.ParseBundle(TestPki.Pem(root).Replace("\n", "\\n", StringComparison.Ordinal), 10);
        Assert.Single(escaped.Value);

        Assert.Equal("KER-PCM-001", CertificateInput.ParseBundle("not a certificate", 10).Error!.Code);
        Assert.Equal("KER-PCM-001", CertificateInput.ParseBundle(" ", 10).Error!.Code);
        Assert.Equal("KER-PCM-001", CertificateInput.ParseBundle(TestPki.Pem(inter) + TestPki.Pem(root), 1).Error!.Code);
        Assert.Equal("KER-KMS-013", CertificateInput.ParseCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----").Error!.Code);
    }

    [Fact]
    public void Bundle_order_puts_every_issuer_first()
    {
        var root = TestPki.Root("order-root");
        var inter = TestPki.Intermediate(root, "order-inter");
        var sub = TestPki.Intermediate(inter, "order-sub");
        var stranger = TestPki.Intermediate(TestPki.Root("elsewhere"), "stranger");

        var ordered = BundleOrder.RootFirst([sub, stranger, inter, root]);
        Assert.Equal([root.Thumbprint, inter.Thumbprint, sub.Thumbprint, stranger.Thumbprint], ordered.Select(c => c.Thumbprint));
    }
}
