using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Server.Tests.Support;
using Kavach.Server.Tests.Trust.Pki;
using Kavach.Trust.Certificates;

namespace Kavach.Server.Tests.Trust;

/// <summary>
/// The trust store's outcomes over HTTP, each with its code, written once and run on SQLite and on PostgreSQL.
/// Each scenario works in its own partner domain (CA uploads in FTM, partners in AUTH, onboarding in TRUST_CA;
/// DEVICE never trusts the partner PKI), so the scenarios can share one server in any order.
/// </summary>
public static partial class TrustScenarios
{
    /// <summary>uploadCACertificate: single certificates, bundles, every §6.2 check, and the trust path download.</summary>
    public static async Task CaUploadsAsync(TestServer server)
    {
        var pki = await PartnerPki.SharedAsync();
        const string domain = "FTM";
        Assert.Equal("Upload Success.", (await server.UploadCaAsync(pki.Root.CertificatePem, "ftm")).Field("status"));
        Assert.Equal("KER-PCM-003", (await server.UploadCaAsync(pki.Root.CertificatePem, domain)).ErrorCode());

        // A bundle with a duplicate: MOSIP (1.3) reports full success when the last certificate succeeds; not here.
        var bundle = Base64Url.Encode(CertsOnlyPkcs7.Encode([X509Certificate2.CreateFromPem(pki.Issuing.CertificatePem), X509Certificate2.CreateFromPem(pki.Root.CertificatePem)]));
        Assert.Equal("Partial Upload Success.", (await server.UploadCaAsync(bundle, domain)).Field("status"));
        Assert.Equal("Upload Failed.", (await server.UploadCaAsync(bundle, domain)).Field("status"));

        Assert.Equal("KER-PMS-020", (await server.UploadCaAsync(pki.FutureCa, domain)).ErrorCode());
        Assert.Equal("KER-PCM-004", (await server.UploadCaAsync(pki.ExpiredCa, domain)).ErrorCode());
        Assert.Equal("KER-PCM-017", (await server.UploadCaAsync(pki.ShortCa, domain)).ErrorCode());
        Assert.Equal("KER-PCM-007", (await server.UploadCaAsync(pki.Version1Ca, domain)).ErrorCode());
        Assert.Equal("KER-PCM-005", (await server.UploadCaAsync(pki.OrphanCa, domain)).ErrorCode());
        Assert.Equal("KER-PCM-005", (await server.UploadCaAsync(pki.Issuing.CertificatePem, "DEVICE")).ErrorCode());
        Assert.Equal("KER-PCM-011", (await server.UploadCaAsync(pki.Root.CertificatePem, "MISP")).ErrorCode());
        Assert.Equal("KER-PCM-001", (await server.UploadCaAsync("bm90IGEgY2VydGlmaWNhdGU", domain)).ErrorCode());
        Assert.Equal("KER-KMS-005", (await server.UploadCaAsync(" ", domain)).ErrorCode());

        var rows = (await server.ListCasAsync(new { partnerDomain = domain, issuedTo = "Partner Issuing CA" })).Response()["allPartnerCertificates"]!.AsArray();
        var issuing = Assert.Single(rows)!;
        Assert.Equal("INTERMEDIATE", issuing["caCertificateType"]!.GetValue<string>());
        Assert.Equal("CN=Kavach Test Partner Root,O=Partner Trust,C=IN", issuing["issuedBy"]!.GetValue<string>());
        var path = (await server.GetAsync($"{TrustHttp.Api}/getCACertificateTrustPath/{issuing["certId"]!.GetValue<string>()}")).Body.Field("p7bFile");
        Assert.Equal(
            [X509Certificate2.CreateFromPem(pki.Issuing.CertificatePem).Thumbprint, X509Certificate2.CreateFromPem(pki.Root.CertificatePem).Thumbprint],
            TrustHttp.PemP7b(path).Select(c => c.Thumbprint));
        var rootRow = Assert.Single((await server.ListCasAsync(new { partnerDomain = domain, caCertificateType = "ROOT" })).Response()["allPartnerCertificates"]!.AsArray())!;
        var rootPath = (await server.GetAsync($"{TrustHttp.Api}/getCACertificateTrustPath/{rootRow["certId"]!.GetValue<string>()}")).Body.Field("p7bFile");
        Assert.Single(TrustHttp.PemP7b(rootPath));
        Assert.Equal("KER-PMS-019", (await server.GetAsync($"{TrustHttp.Api}/getCACertificateTrustPath/{Guid.NewGuid()}")).Body.ErrorCode());
        Assert.Equal("KER-PCM-010", (await server.GetAsync($"{TrustHttp.Api}/getCACertificateTrustPath/%20")).Body.ErrorCode());
    }

    /// <summary>uploadPartnerCertificate: the re-signed certificate and chain, the downloads, renewal, and every §6.3 check.</summary>
    public static async Task PartnerUploadsAsync(TestServer server)
    {
        var pki = await PartnerPki.SharedAsync();
        const string domain = "AUTH";
        await server.EnsureHierarchyAsync(pki, domain);

        var uploaded = (await server.UploadPartnerAsync(pki.Good.CertificatePem, domain)).Response();
        var id = uploaded["certificateId"]!.GetValue<string>();
        Assert.True(Guid.TryParse(id, out _));
        var chain = TrustHttp.P7b(uploaded["signedCertificateData"]!.GetValue<string>());
        Assert.Equal(3, chain.Count);
        var (resigned, pms, root) = (chain[0], chain[1], chain[2]);
        var partner = X509Certificate2.CreateFromPem(pki.Good.CertificatePem);
        Assert.Equal(partner.SubjectName.Name, resigned.SubjectName.Name);
        Assert.Equal(partner.PublicKey.EncodedKeyValue.RawData, resigned.PublicKey.EncodedKeyValue.RawData);
        Assert.Equal(pms.SubjectName.Name, resigned.IssuerName.Name);
        Assert.Contains("(PMS)", pms.Subject, StringComparison.Ordinal);
        Assert.Contains("(ROOT)", root.Subject, StringComparison.Ordinal);
        var basic = resigned.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(basic.CertificateAuthority);
        Assert.False(basic.HasPathLengthConstraint);
        Assert.Equal(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.KeyEncipherment,
            resigned.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.True((resigned.NotAfter - resigned.NotBefore).TotalDays is >= 364 and <= 366);

        // The re-signed certificate and its chain, and the partner's own chain, verify with openssl.
        var (ok, output) = await Pems.VerifyAsync(root.ExportCertificatePem(), resigned.ExportCertificatePem(), pms.ExportCertificatePem());
        Assert.True(ok, output);
        (ok, output) = await Pems.VerifyAsync(pki.Root.CertificatePem, pki.Good.CertificatePem, pki.Issuing.CertificatePem);
        Assert.True(ok, output);

        var download = (await server.GetAsync($"{TrustHttp.Api}/getPartnerCertificate/{id}")).Body;
        Assert.Equal(resigned.RawData, X509Certificate2.CreateFromPem(download.Field("certificateData")).RawData);
        var both = (await server.GetAsync($"{TrustHttp.Api}/getPartnerSignedCertificate/{id}")).Body;
        Assert.Equal(partner.RawData, X509Certificate2.CreateFromPem(both.Field("caSignedCertificateData")).RawData);
        Assert.Equal(resigned.RawData, X509Certificate2.CreateFromPem(both.Field("mosipSignedCertificateData")).RawData);
        Assert.Equal("KER-PCM-012", (await server.GetAsync($"{TrustHttp.Api}/getPartnerCertificate/{Guid.NewGuid()}")).Body.ErrorCode());
        Assert.Equal("KER-PCM-010", (await server.GetAsync($"{TrustHttp.Api}/getPartnerSignedCertificate/%20")).Body.ErrorCode());

        // Renewal: the same certificate again is accepted and gets a new id.
        Assert.NotEqual(id, (await server.UploadPartnerAsync(pki.Good.CertificatePem, domain)).Field("certificateId"));

        Assert.Equal("KER-PCM-015", (await server.UploadPartnerAsync(pki.SelfSigned.CertificatePem, domain)).ErrorCode());
        Assert.Equal("KER-PCM-004", (await server.UploadPartnerAsync(pki.Expired.CertificatePem, domain)).ErrorCode());
        Assert.Equal("KER-PMS-020", (await server.UploadPartnerAsync(pki.Future.CertificatePem, domain)).ErrorCode());
        Assert.Equal("KER-KMS-021", (await server.UploadPartnerAsync(pki.Short.CertificatePem, domain)).ErrorCode());
        Assert.Equal("KER-PCM-013", (await server.UploadPartnerAsync(pki.Weak.CertificatePem, domain)).ErrorCode());
        Assert.Equal("KER-PCM-014", (await server.UploadPartnerAsync(pki.Sha1.CertificatePem, domain)).ErrorCode());
        Assert.Equal("KER-PCM-007", (await server.UploadPartnerAsync(pki.Version1.CertificatePem, domain)).ErrorCode());
        Assert.Equal("KER-PCM-008", (await server.UploadPartnerAsync(pki.Good.CertificatePem, domain, "Other Org")).ErrorCode());
        Assert.Equal("KER-PCM-008", (await server.UploadPartnerAsync(pki.Good.CertificatePem, domain, "partner org")).ErrorCode());
        Assert.Equal("KER-PCM-006", (await server.UploadPartnerAsync(pki.Good.CertificatePem, "DEVICE")).ErrorCode());
        Assert.Equal("KER-PCM-011", (await server.UploadPartnerAsync(pki.Good.CertificatePem, "PARTNER")).ErrorCode());
        Assert.Equal("KER-KMS-013", (await server.UploadPartnerAsync("not a pem", domain)).ErrorCode());
        Assert.Equal("KER-KMS-005", (await server.UploadPartnerAsync(pki.Good.CertificatePem, domain, " ")).ErrorCode());
    }

    /// <summary>verifyCertificateTrust: true with the path, false with the reason.</summary>
    public static async Task TrustChecksAsync(TestServer server)
    {
        var pki = await PartnerPki.SharedAsync();
        await server.EnsureHierarchyAsync(pki, "AUTH");

        var trusted = await server.VerifyTrustAsync(pki.Good.CertificatePem, "auth");
        Assert.True(trusted.Trusted());
        Assert.Null(trusted.Response()["reason"]);
        var selfSigned = await server.VerifyTrustAsync(pki.SelfSigned.CertificatePem, "AUTH");
        Assert.False(selfSigned.Trusted());
        Assert.Equal("NO_TRUST_PATH", selfSigned.Field("reason"));
        Assert.Equal("NOT_TIME_VALID", (await server.VerifyTrustAsync(pki.Expired.CertificatePem, "AUTH")).Field("reason"));
        Assert.False((await server.VerifyTrustAsync(pki.Good.CertificatePem, "DEVICE")).Trusted());
        Assert.Equal("KER-PCM-011", (await server.VerifyTrustAsync(pki.Good.CertificatePem, "NOPE")).ErrorCode());
        Assert.Equal("KER-KMS-013", (await server.VerifyTrustAsync("garbage", "AUTH")).ErrorCode());
        Assert.Equal("KER-KMS-005", (await server.VerifyTrustAsync(pki.Good.CertificatePem, "")).ErrorCode());
    }
}
