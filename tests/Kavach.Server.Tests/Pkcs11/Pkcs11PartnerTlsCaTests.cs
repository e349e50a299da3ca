using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Vault;
using Kavach.Server.Tests.Support;
using Kavach.Testing;
using Kavach.Trust.Channel;

namespace Kavach.Server.Tests.Pkcs11;

/// <summary>The partner TLS CA on a PKCS#11 vault: its key is made on the token, non-extractable, and issues only.</summary>
[Collection(Pkcs11Collection.Name)]
public sealed class Pkcs11PartnerTlsCaTests(Pkcs11ServerTests.Fixture fixture) : IClassFixture<Pkcs11ServerTests.Fixture>
{
    private readonly Pkcs11Server _server = fixture.Server;

    [Fact]
    public async Task The_CA_key_lives_on_the_token_never_extractable_and_refuses_data_signing()
    {
        var runtime = _server.Runtime;
        var ca = await runtime.PartnerTls.GetCertificateAsync(CancellationToken.None);
        var alias = Assert.Single(await runtime.Store.GetAliasesAsync(PartnerTlsAuthority.ApplicationId, string.Empty, CancellationToken.None));
        Assert.Equal(alias.CertThumbprint, ca.GetCertHashString(HashAlgorithmName.SHA256));
        Assert.Null(await runtime.Store.GetStoredKeyAsync(alias.Id, CancellationToken.None));

        var (code, output, error) = await ExternalTool.RunAsync(
            "pkcs11-tool", ["--module", _server.Token.Library, "--token-label", _server.Token.Label, "--login", "--pin", _server.Token.Pin, "--list-objects", "--type", "privkey"]);
        Assert.True(code == 0, output + error);
        var block = output[output.IndexOf($"label:      {alias.Id}", StringComparison.Ordinal)..];
        var access = block[block.IndexOf("Access:", StringComparison.Ordinal)..].Split('\n')[0];
        Assert.Contains("always sensitive", access, StringComparison.Ordinal);
        Assert.Contains("never extractable", access, StringComparison.Ordinal);

        // Attack: caller bytes routed to the CA key through the token's data-signing call.
        Assert.Throws<KeyUsageException>(() => runtime.Vault.SignData(alias.Id, "tbs of a forged certificate"u8, VaultSignatureAlgorithm.RsaPkcs1Sha256));

        // It still issues: a client certificate made on the token verifies with openssl against the CA and ROOT.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = await runtime.PartnerTls.IssueClientCertificateAsync(
            new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).CreateSigningRequestPem(), "p11-partner", "Partner Org", CancellationToken.None);
        var chain = issued.Value.Chain;
        var (ok, verifyOutput) = await Pems.VerifyAsync(chain[2].ExportCertificatePem(), chain[0].ExportCertificatePem(), chain[1].ExportCertificatePem());
        Assert.True(ok, verifyOutput);
    }
}
