using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Server.Tests.Support;
using Kavach.Server.Tests.Trust.Pki;
using Kavach.Trust.Certificates;

namespace Kavach.Server.Tests.Trust;

/// <content>MOSIP's partner onboarding, end to end.</content>
public static partial class TrustScenarios
{
    /// <summary>
    /// Onboarding as MOSIP's partner management does it: our ROOT and PMS certificates go into the domain, then the
    /// partner's CA chain, then the partner certificate; the partner gets a chain that verifies, is trusted, and
    /// JWS it signs verify with validateTrust=true in that domain (and only there).
    /// </summary>
    public static async Task OnboardingAsync(TestServer server)
    {
        var pki = await PartnerPki.SharedAsync();
        const string domain = "TRUST_CA";
        var ourRoot = (await server.GetAsync($"{TrustHttp.Api}/getCertificate?applicationId=ROOT")).Body.Field("certificate");
        var ourPms = (await server.GetAsync($"{TrustHttp.Api}/getCertificate?applicationId=PMS")).Body.Field("certificate");
        Assert.Equal("Upload Success.", (await server.UploadCaAsync(ourRoot, domain)).Field("status"));
        Assert.Equal("Upload Success.", (await server.UploadCaAsync(ourPms, domain)).Field("status"));

        // The partner's CA chain as a leaf-first PKCS#7 bundle (base64url DER), as partners send it.
        var partnerChain = Base64Url.Encode(CertsOnlyPkcs7.Encode([X509Certificate2.CreateFromPem(pki.Issuing.CertificatePem), X509Certificate2.CreateFromPem(pki.Root.CertificatePem)]));
        Assert.Equal("Upload Success.", (await server.UploadCaAsync(partnerChain, domain)).Field("status"));

        var uploaded = (await server.UploadPartnerAsync(pki.Signer.CertificatePem, domain)).Response();
        var chain = TrustHttp.P7b(uploaded["signedCertificateData"]!.GetValue<string>());
        Assert.Equal(3, chain.Count);
        Assert.Equal(X509Certificate2.CreateFromPem(ourPms).RawData, chain[1].RawData);
        Assert.Equal(X509Certificate2.CreateFromPem(ourRoot).RawData, chain[2].RawData);
        var (ok, output) = await Pems.VerifyAsync(ourRoot, chain[0].ExportCertificatePem(), ourPms);
        Assert.True(ok, output);

        // Not in TRUST_CA's AUTH profile: no keyEncipherment outside AUTH.
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, chain[0].Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);

        // Step 9 made the re-signed certificate a CA of the domain; both forms of the partner are trusted there.
        var listed = (await server.ListCasAsync(new { partnerDomain = domain, issuedTo = "partner-signer" })).Response()["allPartnerCertificates"]!.AsArray();
        Assert.Equal("INTERMEDIATE", Assert.Single(listed)!["caCertificateType"]!.GetValue<string>());
        Assert.True((await server.VerifyTrustAsync(pki.Signer.CertificatePem, domain)).Trusted());
        Assert.True((await server.VerifyTrustAsync(chain[0].ExportCertificatePem(), domain)).Trusted());
        var downloaded = (await server.GetAsync($"{TrustHttp.Api}/getPartnerCertificate/{uploaded["certificateId"]!.GetValue<string>()}")).Body.Field("certificateData");
        Assert.Equal(chain[0].RawData, X509Certificate2.CreateFromPem(downloaded).RawData);

        // A JWS signed by the partner's key (python jwcrypto) verifies with trust in the domain, not elsewhere.
        var jws = await TrustHttp.JwcryptoSignAsync(pki.Signer.PrivateKeyPem);
        var verified = (await server.PostAsync($"{TrustHttp.Api}/jwtVerify", new { jwtSignatureData = jws, certificateData = pki.Signer.CertificatePem, validateTrust = true, domain })).Body;
        Assert.True(verified.Response()["signatureValid"]!.GetValue<bool>());
        Assert.Equal("TRUST_CERT_PATH_VALID", verified.Field("trustValid"));
        var elsewhere = (await server.PostAsync($"{TrustHttp.Api}/jwtVerify", new { jwtSignatureData = jws, certificateData = pki.Signer.CertificatePem, validateTrust = true, domain = "DEVICE" })).Body;
        Assert.Equal("TRUST_CERT_PATH_NOT_VALID", elsewhere.Field("trustValid"));

        // v2 takes the signer from the header's x5c.
        var withX5c = await TrustHttp.JwcryptoSignAsync(pki.Signer.PrivateKeyPem, pki.Signer.CertificatePem);
        var v2 = (await server.PostAsync($"{TrustHttp.Api}/jwtVerify/v2", new { jwtSignatureData = withX5c, validateTrust = true, domain })).Body;
        Assert.True(v2.Response()["signatureValid"]!.GetValue<bool>());
        Assert.Equal("TRUST_CERT_PATH_VALID", v2.Field("trustValid"));
    }
}
