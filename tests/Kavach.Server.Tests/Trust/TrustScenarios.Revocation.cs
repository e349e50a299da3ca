using Kavach.Server.Tests.Support;
using Kavach.Server.Tests.Trust.Pki;

namespace Kavach.Server.Tests.Trust;

/// <content>CRLs and the CA listing.</content>
public static partial class TrustScenarios
{
    /// <summary>uploadCRL: a revoked partner certificate or issuing CA stops validating at once, everywhere it is asked about.</summary>
    public static async Task RevocationAsync(TestServer server)
    {
        var pki = await PartnerPki.SharedAsync();
        const string domain = "AUTH";
        await server.EnsureHierarchyAsync(pki, domain);
        var withdrawn = await server.UploadCaAsync(pki.Withdrawn.CertificatePem, domain);
        Assert.True(withdrawn["errors"] is null || withdrawn.ErrorCode() == "KER-PCM-003");
        Assert.True((await server.VerifyTrustAsync(pki.Revoked.CertificatePem, domain)).Trusted());
        Assert.True((await server.VerifyTrustAsync(pki.UnderWithdrawn.CertificatePem, domain)).Trusted());
        var jws = await TrustHttp.JwcryptoSignAsync(pki.Revoked.PrivateKeyPem);
        Assert.Equal("TRUST_CERT_PATH_VALID", (await server.PostAsync($"{TrustHttp.Api}/jwtVerify", new { jwtSignatureData = jws, certificateData = pki.Revoked.CertificatePem, validateTrust = true, domain })).Body.Field("trustValid"));

        var stored = (await server.UploadCrlAsync(pki.IssuingCrl, domain)).Response();
        Assert.Equal("Upload Success.", stored["status"]!.GetValue<string>());
        Assert.Equal("CN=Partner Issuing CA,O=Partner Trust,C=IN", stored["issuedBy"]!.GetValue<string>());
        Assert.Equal(1, stored["revokedCertificates"]!.GetValue<int>());
        Assert.Contains("AUTH", stored["partnerDomains"]!.AsArray().Select(d => d!.GetValue<string>()));

        var revoked = await server.VerifyTrustAsync(pki.Revoked.CertificatePem, domain);
        Assert.False(revoked.Trusted());
        Assert.Equal("REVOKED", revoked.Field("reason"));
        Assert.True((await server.VerifyTrustAsync(pki.Good.CertificatePem, domain)).Trusted());
        var verify = (await server.PostAsync($"{TrustHttp.Api}/jwtVerify", new { jwtSignatureData = jws, certificateData = pki.Revoked.CertificatePem, validateTrust = true, domain })).Body;
        Assert.True(verify.Response()["signatureValid"]!.GetValue<bool>());
        Assert.Equal("TRUST_CERT_PATH_NOT_VALID", verify.Field("trustValid"));
        Assert.Equal("KER-PCM-006", (await server.UploadPartnerAsync(pki.Revoked.CertificatePem, domain)).ErrorCode());

        // The root withdraws an issuing CA (CRL sent as base64url DER): what it issued stops validating too.
        Assert.Equal(1, (await server.UploadCrlAsync(TrustHttp.PemToBase64Url(pki.RootCrl))).Response()["revokedCertificates"]!.GetValue<int>());
        Assert.Equal("REVOKED", (await server.VerifyTrustAsync(pki.UnderWithdrawn.CertificatePem, domain)).Field("reason"));
        Assert.True((await server.VerifyTrustAsync(pki.Good.CertificatePem, domain)).Trusted());

        Assert.Equal("KER-PCM-101", (await server.UploadCrlAsync("bm90IGEgQ1JM")).ErrorCode());
        Assert.Equal("KER-PCM-102", (await server.UploadCrlAsync(pki.IssuingCrl, "DEVICE")).ErrorCode());
        Assert.Equal("KER-PCM-011", (await server.UploadCrlAsync(pki.IssuingCrl, "NOPE")).ErrorCode());
        Assert.Equal("KER-KMS-005", (await server.UploadCrlAsync(" ")).ErrorCode());
    }

    /// <summary>getCaCertificates: filters, paging, sorting, excludeMosipCA and the codes of bad input.</summary>
    public static async Task ListingAsync(TestServer server)
    {
        var pki = await PartnerPki.SharedAsync();
        const string domain = "AUTH";
        await server.EnsureHierarchyAsync(pki, domain);

        // A partner upload puts our ROOT and PMS into the domain (step 9), which excludeMosipCA leaves out.
        (await server.UploadPartnerAsync(pki.Good.CertificatePem, domain)).Response();

        var roots = (await server.ListCasAsync(new { partnerDomain = "auth", caCertificateType = "root", issuedTo = "kavach test PARTNER root" })).Response();
        Assert.Equal(1, roots["totalRecords"]!.GetValue<long>());
        Assert.Equal(1, roots["pageNumber"]!.GetValue<int>());
        Assert.Equal(10, roots["pageSize"]!.GetValue<int>());
        var root = roots["allPartnerCertificates"]!.AsArray().Single()!;
        Assert.Equal("ROOT", root["caCertificateType"]!.GetValue<string>());
        Assert.Equal("AUTH", root["partnerDomain"]!.GetValue<string>());
        Assert.Equal(root["issuedTo"]!.GetValue<string>(), root["issuedBy"]!.GetValue<string>());
        Assert.True(root["status"]!.GetValue<bool>());
        Assert.Equal(40, root["certThumbprint"]!.GetValue<string>().Length);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", root["validFromDate"]!.GetValue<string>());

        var validFrom = root["validFromDate"]!.GetValue<string>()[..10] + "T00:00:00.000Z";
        Assert.Contains(
            (await server.ListCasAsync(new { partnerDomain = domain, validFromDate = validFrom })).Response()["allPartnerCertificates"]!.AsArray(),
            r => r!["certId"]!.GetValue<string>() == root["certId"]!.GetValue<string>());

        var all = (await server.ListCasAsync(new { partnerDomain = domain, pageSize = 100 })).Response();
        var total = all["totalRecords"]!.GetValue<long>();
        Assert.Contains(all["allPartnerCertificates"]!.AsArray(), r => r!["issuedTo"]!.GetValue<string>().Contains("(PMS)", StringComparison.Ordinal));
        var withoutOurs = (await server.ListCasAsync(new { partnerDomain = domain, pageSize = 100, excludeMosipCA = true })).Response();
        Assert.DoesNotContain(withoutOurs["allPartnerCertificates"]!.AsArray(), r => r!["issuedTo"]!.GetValue<string>().Contains("(PMS)", StringComparison.Ordinal));
        Assert.DoesNotContain(withoutOurs["allPartnerCertificates"]!.AsArray(), r => r!["issuedTo"]!.GetValue<string>().Contains("(ROOT)", StringComparison.Ordinal));

        var pageTwo = (await server.ListCasAsync(new { partnerDomain = domain, pageNumber = 2, pageSize = 1, sortByFieldName = "certSubject", sortOrder = "DESC" })).Response();
        Assert.Equal(total, pageTwo["totalPages"]!.GetValue<int>());
        var subjects = all["allPartnerCertificates"]!.AsArray().Select(r => r!["issuedTo"]!.GetValue<string>()).OrderDescending(StringComparer.Ordinal).ToList();
        Assert.Equal(subjects[1], pageTwo["allPartnerCertificates"]!.AsArray().Single()!["issuedTo"]!.GetValue<string>());

        Assert.Equal("KER-PCM-018", (await server.ListCasAsync(new { caCertificateType = "LEAF" })).ErrorCode());
        Assert.Equal("KER-PCM-011", (await server.ListCasAsync(new { partnerDomain = "NOPE" })).ErrorCode());
        Assert.Equal("KER-KMS-005", (await server.ListCasAsync(new { sortByFieldName = "certSubject; DROP TABLE ca_cert_store" })).ErrorCode());
        Assert.Equal("KER-KMS-006", (await server.ListCasAsync(new { validFromDate = "2025-01-01" })).ErrorCode());
        Assert.Equal(0, (await server.ListCasAsync(new { issuedTo = "' OR '1'='1" })).Response()["totalRecords"]!.GetValue<long>());
    }
}
