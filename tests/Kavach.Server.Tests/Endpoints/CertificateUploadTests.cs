using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Endpoints;

/// <summary>generateCSR, uploadCertificate, uploadOtherDomainCertificate and revokeKey.</summary>
public sealed class CertificateUploadTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Generate_CSR_for_master_and_base_keys_verifies_with_openssl()
    {
        foreach (var referenceId in new[] { "", "csr-base" })
        {
            var (_, body) = await _server.PostAsync("/v1/keymanager/generateCSR", new
            {
                applicationId = "REGISTRATION", referenceId, commonName = "www.mosip.io", organizationUnit = "MOSIP-TECH-CENTER", organization = "IITB", location = "BANGALORE", state = "KA", country = "IN",
            });
            var csr = body.Field("certSignRequest");
            var (ok, output) = await Pems.VerifyCsrAsync(csr);
            Assert.True(ok, output);
            Assert.Contains("OU = MOSIP-TECH-CENTER", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CSR_subject_keeps_a_comma_inside_its_attribute()
    {
        var (_, body) = await _server.PostAsync("/v1/keymanager/generateCSR", new { applicationId = "REGISTRATION", referenceId = "", organization = "Acme, Inc" });
        var (ok, output) = await Pems.VerifyCsrAsync(body.Field("certSignRequest"));
        Assert.True(ok, output);
        Assert.Contains("O = \"Acme, Inc\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CSR_for_the_ZK_master_key_is_refused()
    {
        var (_, body) = await _server.PostAsync("/v1/keymanager/generateCSR", new { applicationId = "KERNEL", referenceId = "IDENTITY_CACHE" });
        Assert.Equal("KER-KMS-022", body.ErrorCode());
    }

    [Fact]
    public async Task Uploaded_CA_signed_certificate_replaces_the_base_certificate_and_keeps_the_key_id()
    {
        using var ca = await ExternalCa.CreateAsync();
        const string reference = "upload-ref";
        var original = (await _server.GetAsync($"/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId={reference}")).Body.Field("certificate");
        var keyIdBefore = (await _server.GetAsync($"/v1/keymanager/getAllCertificates?applicationId=REGISTRATION&referenceId={reference}")).Body.Response()["allCertificates"]![0]!["keyId"]!.GetValue<string>();
        var csr = (await _server.PostAsync("/v1/keymanager/generateCSR", new { applicationId = "REGISTRATION", referenceId = reference })).Body.Field("certSignRequest");
        var signed = await ca.SignAsync(csr);

        var (_, upload) = await _server.PostAsync("/v1/keymanager/uploadCertificate", new { applicationId = "REGISTRATION", referenceId = reference, certificateData = signed });
        Assert.Equal("Upload Success", upload.Field("status"));

        var now = (await _server.GetAsync($"/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId={reference}")).Body.Field("certificate");
        Assert.NotEqual(original, now);
        Assert.Equal(X509Certificate2.CreateFromPem(signed).Thumbprint, X509Certificate2.CreateFromPem(now).Thumbprint);
        var keyIdAfter = (await _server.GetAsync($"/v1/keymanager/getAllCertificates?applicationId=REGISTRATION&referenceId={reference}")).Body.Response()["allCertificates"]![0]!["keyId"]!.GetValue<string>();
        Assert.Equal(keyIdBefore, keyIdAfter);

        // The key still works: a fresh CSR is signed by the same key as the uploaded certificate.
        var csrAgain = (await _server.PostAsync("/v1/keymanager/generateCSR", new { applicationId = "REGISTRATION", referenceId = reference })).Body.Field("certSignRequest");
        var request = CertificateRequest.LoadSigningRequestPem(csrAgain, HashAlgorithmName.SHA256);
        Assert.Equal(X509Certificate2.CreateFromPem(signed).PublicKey.ExportSubjectPublicKeyInfo(), request.PublicKey.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task Upload_errors_use_MOSIP_codes()
    {
        using var ca = await ExternalCa.CreateAsync();
        var foreign = await ca.IssueNewAsync("someone-else");
        await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=upload-errors");
        Assert.Equal("KER-KMS-014", (await _server.PostAsync("/v1/keymanager/uploadCertificate", new { applicationId = "REGISTRATION", referenceId = "upload-errors", certificateData = foreign })).Body.ErrorCode());
        Assert.Equal("KER-KMS-013", (await _server.PostAsync("/v1/keymanager/uploadCertificate", new { applicationId = "REGISTRATION", referenceId = "upload-errors", certificateData = "not a certificate" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-005", (await _server.PostAsync("/v1/keymanager/uploadCertificate", new { applicationId = "REGISTRATION", referenceId = "upload-errors", certificateData = "" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-003", (await _server.PostAsync("/v1/keymanager/uploadCertificate", new { applicationId = "REGISTRATION", referenceId = "never-made", certificateData = foreign })).Body.ErrorCode());
    }

    [Fact]
    public async Task Other_domain_certificate_encrypts_but_cannot_be_replaced_by_generation()
    {
        using var ca = await ExternalCa.CreateAsync();
        var partner = await ca.IssueNewAsync("ida-partner");
        var (_, upload) = await _server.PostAsync("/v1/keymanager/uploadOtherDomainCertificate", new { applicationId = "IDA", referenceId = "PUBLIC_KEY", certificateData = partner });
        Assert.Equal("Upload Success", upload.Field("status"));
        var served = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=IDA&referenceId=PUBLIC_KEY")).Body.Field("certificate");
        Assert.Equal(X509Certificate2.CreateFromPem(partner).Thumbprint, X509Certificate2.CreateFromPem(served).Thumbprint);

        Assert.Equal("KER-KMS-035", (await _server.PostAsync("/v1/keymanager/uploadOtherDomainCertificate", new { applicationId = "IDA", referenceId = "PUBLIC_KEY", certificateData = partner })).Body.ErrorCode());
        Assert.Equal("KER-KMS-031", (await _server.PostAsync("/v1/keymanager/uploadOtherDomainCertificate", new { applicationId = "KERNEL", referenceId = "SIGN", certificateData = partner })).Body.ErrorCode());
        Assert.Equal("KER-KMS-030", (await _server.PostAsync("/v1/keymanager/uploadOtherDomainCertificate", new { applicationId = "IDA", referenceId = "EC_SECP256R1_SIGN", certificateData = partner })).Body.ErrorCode());

        var replacement = await ca.IssueNewAsync("ida-partner-2");
        Assert.Equal("Upload Success", (await _server.PostAsync("/v1/keymanager/uploadOtherDomainCertificate", new { applicationId = "IDA", referenceId = "PUBLIC_KEY", certificateData = replacement })).Body.Field("status"));
        var servedAfter = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=IDA&referenceId=PUBLIC_KEY")).Body.Field("certificate");
        Assert.Equal(X509Certificate2.CreateFromPem(replacement).Thumbprint, X509Certificate2.CreateFromPem(servedAfter).Thumbprint);

        // Our own key under that pair cannot be replaced by an upload.
        await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=own-key");
        Assert.Equal("KER-KMS-034", (await _server.PostAsync("/v1/keymanager/uploadOtherDomainCertificate", new { applicationId = "REGISTRATION", referenceId = "own-key", certificateData = partner })).Body.ErrorCode());
    }

    [Fact]
    public async Task Revoked_base_key_is_replaced_on_next_request_and_stays_listed()
    {
        var before = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=RESIDENT&referenceId=revoke-me")).Body.Field("certificate");
        var (_, revoke) = await _server.PutAsync("/v1/keymanager/revokeKey", new { applicationId = "RESIDENT", referenceId = "revoke-me" });
        Assert.Equal("Key Revoked", revoke.Field("status"));
        var after = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=RESIDENT&referenceId=revoke-me")).Body.Field("certificate");
        Assert.NotEqual(before, after);
        var all = (await _server.GetAsync("/v1/keymanager/getAllCertificates?applicationId=RESIDENT&referenceId=revoke-me")).Body.Response()["allCertificates"]!.AsArray();
        Assert.Equal(2, all.Count);

        Assert.Equal("KER-KMS-021", (await _server.PutAsync("/v1/keymanager/revokeKey", new { applicationId = "KERNEL", referenceId = "SIGN" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-005", (await _server.PutAsync("/v1/keymanager/revokeKey", new { applicationId = "RESIDENT", referenceId = "" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-003", (await _server.PutAsync("/v1/keymanager/revokeKey", new { applicationId = "RESIDENT", referenceId = "never-made" })).Body.ErrorCode());
    }

    [Theory]
    [InlineData("ROOT", "some-ref", "KER-KMS-016")]
    [InlineData("KERNEL", "some-ref", "KER-KMS-016")]
    [InlineData("PARTNER", "some-ref", "KER-KMS-016")]
    [InlineData("REGISTRATION", "ED25519_SIGN", "KER-KMS-016")]
    [InlineData("NO_SUCH_APP", "", "KER-KMS-002")]
    [InlineData("NO_SUCH_APP", "some-ref", "KER-KMS-002")]
    public async Task Base_key_generation_refusals(string applicationId, string referenceId, string code)
    {
        var (status, body) = await _server.GetAsync($"/v1/keymanager/getCertificate?applicationId={applicationId}&referenceId={referenceId}");
        Assert.Equal(200, status);
        Assert.Equal(code, body.ErrorCode());
    }
}
