using System.Security.Cryptography.X509Certificates;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Endpoints;

/// <summary>generateMasterKey and generateECSignKey.</summary>
public sealed class MasterKeyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Generate_master_key_is_idempotent_without_force()
    {
        var first = await _server.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = "RESIDENT", referenceId = "", force = false });
        var second = await _server.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = "RESIDENT", referenceId = "", force = false });
        Assert.Equal(first.Body.Field("certificate"), second.Body.Field("certificate"));
        Assert.Equal("kavach.test", first.Body["id"]!.GetValue<string>());
        Assert.Null(first.Body.Response()["certSignRequest"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", first.Body.Field("issuedAt"));
    }

    [Fact]
    public async Task Force_replaces_the_master_key_and_keeps_the_old_one_listed()
    {
        var before = (await _server.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = "DIGITAL_CARD", referenceId = "" })).Body.Field("certificate");
        var forced = (await _server.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = "DIGITAL_CARD", referenceId = "", force = true })).Body.Field("certificate");
        Assert.NotEqual(before, forced);
        var current = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=DIGITAL_CARD")).Body.Field("certificate");
        Assert.Equal(forced, current);
        var all = (await _server.GetAsync("/v1/keymanager/getAllCertificates?applicationId=DIGITAL_CARD")).Body.Response()["allCertificates"]!.AsArray();
        Assert.Equal(2, all.Count);
        var keyIds = all.Select(c => c!["keyId"]!.GetValue<string>()).ToList();
        Assert.Equal(2, keyIds.Distinct().Count());
    }

    [Fact]
    public async Task CSR_object_type_returns_a_CSR_that_openssl_verifies()
    {
        var (_, body) = await _server.PostAsync("/v1/keymanager/generateMasterKey/CSR", new { applicationId = "ADMIN_SERVICES", referenceId = "" });
        var csr = body.Field("certSignRequest");
        Assert.Null(body.Response()["certificate"]);
        var (ok, output) = await Pems.VerifyCsrAsync(csr);
        Assert.True(ok, output);
    }

    [Fact]
    public async Task Reference_id_is_refused_except_for_kernel_sign()
    {
        var (_, body) = await _server.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = "REGISTRATION", referenceId = "AUTOMATION-REF" });
        Assert.Equal("KER-KMS-010", body.ErrorCode());
        var (_, rootBody) = await _server.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = "ROOT", referenceId = "x" });
        Assert.Equal("KER-KMS-010", rootBody.ErrorCode());
        var (_, sign) = await _server.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = "KERNEL", referenceId = "SIGN" });
        Assert.NotNull(sign.Certificate());
    }

    [Theory]
    [InlineData("/v1/keymanager/generateCSR")]
    [InlineData("/v1/keymanager/generateMasterKey/CSR")]
    public async Task Subject_attributes_that_cannot_be_encoded_are_KMS_005(string path)
    {
        Assert.Equal("KER-KMS-005", (await _server.PostAsync(path, new { applicationId = "REGISTRATION", referenceId = "", country = "India" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-005", (await _server.PostAsync(path, new { applicationId = "REGISTRATION", referenceId = "", commonName = new string('x', 65) })).Body.ErrorCode());
    }

    [Fact]
    public async Task Unknown_application_is_KMS_002()
    {
        var (_, body) = await _server.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = "NO_SUCH_APP", referenceId = "" });
        Assert.Equal("KER-KMS-002", body.ErrorCode());
    }

    [Fact]
    public async Task Unknown_object_type_is_refused_before_any_key_is_made()
    {
        var before = (await _server.GetAsync("/v1/keymanager/getAllCertificates?applicationId=COMPLIANCE_TOOLKIT")).Body.Response()["allCertificates"]!.AsArray().Count;
        var (_, body) = await _server.PostAsync("/v1/keymanager/generateMasterKey/INVALID", new { applicationId = "COMPLIANCE_TOOLKIT", referenceId = "", force = true });
        Assert.Equal("KER-KMS-009", body.ErrorCode());
        var after = (await _server.GetAsync("/v1/keymanager/getAllCertificates?applicationId=COMPLIANCE_TOOLKIT")).Body.Response()["allCertificates"]!.AsArray().Count;
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("EC_SECP256R1_SIGN", "ECDSA")]
    [InlineData("EC_SECP256K1_SIGN", "ECDSA")]
    public async Task EC_sign_keys_are_signed_by_root(string referenceId, string _)
    {
        var root = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Body.Field("certificate");
        var (_, body) = await _server.PostAsync("/v1/keymanager/generateECSignKey/CERTIFICATE", new { applicationId = "ID_REPO", referenceId });
        var pem = body.Field("certificate");
        var certificate = X509Certificate2.CreateFromPem(pem);
        Assert.NotNull(certificate.GetECDsaPublicKey());
        var (ok, output) = await Pems.VerifyAsync(root, pem);
        Assert.True(ok, output);
        var csr = (await _server.PostAsync("/v1/keymanager/generateECSignKey/CSR", new { applicationId = "ID_REPO", referenceId })).Body.Field("certSignRequest");
        var (csrOk, csrOutput) = await Pems.VerifyCsrAsync(csr);
        Assert.True(csrOk, csrOutput);
    }

    [Fact]
    public async Task Ed25519_sign_key_is_signed_by_the_app_master_and_its_CSR_verifies()
    {
        var root = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Body.Field("certificate");
        var master = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=ID_REPO")).Body.Field("certificate");
        var (_, body) = await _server.PostAsync("/v1/keymanager/generateECSignKey/CERTIFICATE", new { applicationId = "ID_REPO", referenceId = "ED25519_SIGN" });
        var pem = body.Field("certificate");
        Assert.Contains("ED25519", await Pems.TextAsync(pem), StringComparison.OrdinalIgnoreCase);
        var (ok, output) = await Pems.VerifyAsync(root, pem, master);
        Assert.True(ok, output);
        var certificate = X509Certificate2.CreateFromPem(pem);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        var csr = (await _server.PostAsync("/v1/keymanager/generateECSignKey/CSR", new { applicationId = "ID_REPO", referenceId = "ED25519_SIGN" })).Body.Field("certSignRequest");
        var (csrOk, csrOutput) = await Pems.VerifyCsrAsync(csr);
        Assert.True(csrOk, csrOutput);
    }

    [Fact]
    public async Task EC_sign_key_validation_codes()
    {
        Assert.Equal("KER-KMS-030", (await _server.PostAsync("/v1/keymanager/generateECSignKey/CERTIFICATE", new { applicationId = "ID_REPO", referenceId = "" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-030", (await _server.PostAsync("/v1/keymanager/generateECSignKey/CERTIFICATE", new { applicationId = "ID_REPO", referenceId = "INVALID_CURVE" })).Body.ErrorCode());
        var invalid = (await _server.PostAsync("/v1/keymanager/generateECSignKey/INVALID", new { applicationId = "ID_REPO", referenceId = "EC_SECP256R1_SIGN" })).Body;
        Assert.Equal("KER-KMS-005", invalid.ErrorCode());
        Assert.Equal("Invalid request Allowed values are CSR/CERTIFICATE.", invalid["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal("KER-KMS-002", (await _server.PostAsync("/v1/keymanager/generateECSignKey/CERTIFICATE", new { applicationId = "NOPE", referenceId = "EC_SECP256R1_SIGN" })).Body.ErrorCode());
    }

    [Fact]
    public async Task Symmetric_keys_generate_once_and_force_regenerates()
    {
        Assert.Equal("Generation Success", (await _server.PostAsync("/v1/keymanager/generateSymmetricKey", new { applicationId = "KERNEL", referenceId = "SYM_TEST" })).Body.Field("status"));
        Assert.Equal("Key Exists.", (await _server.PostAsync("/v1/keymanager/generateSymmetricKey", new { applicationId = "KERNEL", referenceId = "SYM_TEST", force = false })).Body.Field("status"));
        Assert.Equal("Generation Success", (await _server.PostAsync("/v1/keymanager/generateSymmetricKey", new { applicationId = "KERNEL", referenceId = "SYM_TEST", force = true })).Body.Field("status"));
        Assert.Equal("KER-KMS-005", (await _server.PostAsync("/v1/keymanager/generateSymmetricKey", new { applicationId = "KERNEL", referenceId = " " })).Body.ErrorCode());
    }
}
