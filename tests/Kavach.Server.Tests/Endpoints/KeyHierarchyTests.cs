using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Endpoints;

/// <summary>The ROOT → module → base hierarchy as served by getCertificate, checked with openssl.</summary>
public sealed class KeyHierarchyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Root_is_a_self_signed_CA_with_path_length_two()
    {
        var (status, body) = await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT");
        Assert.Equal(200, status);
        var pem = body.Field("certificate");
        var root = X509Certificate2.CreateFromPem(pem);
        Assert.Equal(root.SubjectName.Name, root.IssuerName.Name);
        var constraints = root.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
        Assert.Equal(2, constraints.PathLengthConstraint);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, root.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.True(new BigInteger(root.SerialNumberBytes.Span, isUnsigned: false, isBigEndian: true) > 0);
        var (ok, output) = await Pems.VerifyAsync(pem, pem);
        Assert.True(ok, output);
    }

    [Fact]
    public async Task Module_and_base_keys_chain_to_root_with_their_profiles()
    {
        var root = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Body.Field("certificate");
        var master = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION")).Body.Field("certificate");
        var baseKey = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=10001_110011")).Body.Field("certificate");

        var (masterOk, masterOutput) = await Pems.VerifyAsync(root, master);
        Assert.True(masterOk, masterOutput);
        var (baseOk, baseOutput) = await Pems.VerifyAsync(root, baseKey, master);
        Assert.True(baseOk, baseOutput);

        var masterCert = X509Certificate2.CreateFromPem(master);
        var masterConstraints = masterCert.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(masterConstraints.CertificateAuthority);
        Assert.Equal(1, masterConstraints.PathLengthConstraint);

        var baseCert = X509Certificate2.CreateFromPem(baseKey);
        Assert.False(baseCert.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.KeyEncipherment, baseCert.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(2048, baseCert.GetRSAPublicKey()!.KeySize);
        Assert.Contains("CN=REGISTRATION-10001_110011", baseCert.Subject, StringComparison.Ordinal);
        Assert.True(baseCert.NotAfter <= masterCert.NotAfter);
        Assert.Equal(masterCert.SubjectName.Name, baseCert.IssuerName.Name);
    }

    [Fact]
    public async Task Subject_attributes_are_in_MOSIP_order_with_the_default_common_name()
    {
        var master = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=ID_REPO")).Body.Certificate();
        var text = await Pems.TextAsync(master.ExportCertificatePem());
        Assert.Contains("Subject: C = IN, ST = KA, L = BANGALORE, O = mosip, OU = IIITB, CN = www.mosip.io (ID_REPO)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kernel_sign_key_exists_after_first_start_and_chains_through_the_kernel_module_key_to_root()
    {
        var root = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Body.Field("certificate");
        var kernel = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=KERNEL")).Body.Field("certificate");
        var sign = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=KERNEL&referenceId=SIGN")).Body.Field("certificate");
        var (ok, output) = await Pems.VerifyAsync(root, sign, kernel);
        Assert.True(ok, output);

        // A data-signing key, not a CA: it cannot issue (issue 12).
        var text = await Pems.TextAsync(sign);
        Assert.Contains("CA:FALSE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Certificate Sign", text, StringComparison.Ordinal);
        Assert.False((await Pems.VerifyAsync(root, sign)).Ok);
    }

    [Fact]
    public async Task Same_reference_returns_the_same_certificate_until_rotation()
    {
        var first = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=ID_REPO&referenceId=uin")).Body.Field("certificate");
        var second = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=ID_REPO&referenceId=uin")).Body.Field("certificate");
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Certificate_chain_is_a_pkcs7_from_leaf_to_root()
    {
        var (status, body) = await _server.GetAsync("/v1/keymanager/getCertificateChain?applicationId=REGISTRATION&referenceId=chain-ref");
        Assert.Equal(200, status);
        var pem = body.Field("certificatesTrustPath");
        Assert.StartsWith("-----BEGIN PKCS7-----", pem, StringComparison.Ordinal);
        var (code, stdout, stderr) = await Kavach.Testing.ExternalTool.RunAsync("openssl", ["pkcs7", "-print_certs", "-noout"], pem);
        Assert.True(code == 0, stderr);
        Assert.Equal(3, stdout.Split("subject=", StringSplitOptions.None).Length - 1);
        Assert.Contains("CN = REGISTRATION-chain-ref", stdout, StringComparison.Ordinal);
        Assert.Contains("(ROOT)", stdout, StringComparison.Ordinal);
    }
}
