using Kavach.Crypto;
using Kavach.Testing;
using Kavach.Trust.Certificates;
using Kavach.Trust.Revocation;
using Kavach.Trust.Tests.Support;

namespace Kavach.Trust.Tests.Revocation;

public sealed class CrlParserTests
{
    [Fact]
    public void A_CRL_gives_its_issuer_dates_number_and_serials_in_every_encoding()
    {
        var root = TestPki.Root("crl-root");
        var revoked = TestPki.Leaf(root, "revoked");
        var kept = TestPki.Leaf(root, "kept");
        var der = TestPki.Crl(root, [revoked], number: 7);

        foreach (var text in new[] { TestPki.CrlPem(der), Base64Url.Encode(der), Convert.ToBase64String(der) })
        {
            var crl = CrlParser.ParseText(text);
            Assert.True(crl.IsSuccess, crl.Error?.Message);
            Assert.Equal("CN=crl-root,O=Test CA,C=IN", DistinguishedNames.Format(crl.Value.Issuer));
            Assert.Equal("7", crl.Value.CrlNumber);
            Assert.Equal(TestPki.Now.AddHours(-1).UtcDateTime, crl.Value.ThisUpdate);
            Assert.Equal(TestPki.Now.AddHours(-1).AddDays(30).UtcDateTime, crl.Value.NextUpdate);
            Assert.True(crl.Value.Lists(revoked));
            Assert.False(crl.Value.Lists(kept));
            Assert.True(SignedStructure.IsSignedBy(crl.Value.Der, root.PublicKey));
        }
    }

    [Fact]
    public void Garbage_is_KER_PCM_101()
    {
        Assert.Equal("KER-PCM-101", CrlParser.ParseText(null).Error!.Code);
        Assert.Equal("KER-PCM-101", CrlParser.ParseText("-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----").Error!.Code);
        Assert.Equal("KER-PCM-101", CrlParser.ParseText("%%%").Error!.Code);
    }

    [Fact]
    public async Task A_delta_CRL_made_by_openssl_is_refused_and_a_full_one_is_read()
    {
        using var dir = new TempDirectory("kavach-crl");
        await File.WriteAllTextAsync(dir.File("ca.cnf"), $"""
            [ca]
            default_ca = d
            [d]
            dir = {dir.Path}
            database = {dir.Path}/index.txt
            crlnumber = {dir.Path}/crlnumber
            certificate = {dir.Path}/ca.pem
            private_key = {dir.Path}/ca.key
            default_md = sha256
            default_crl_days = 7
            [delta]
            2.5.29.27 = critical,ASN1:INTEGER:1
            """);
        await File.WriteAllTextAsync(dir.File("index.txt"), string.Empty);
        await File.WriteAllTextAsync(dir.File("crlnumber"), "01\n");
        Assert.Equal(0, (await ExternalTool.OpenSslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.File("ca.key"), "-out", dir.File("ca.pem"), "-days", "30", "-subj", "/CN=openssl crl")).ExitCode);
        var full = await ExternalTool.OpenSslAsync("ca", "-config", dir.File("ca.cnf"), "-gencrl", "-out", dir.File("full.pem"));
        Assert.True(full.ExitCode == 0, full.StdErr);
        var delta = await ExternalTool.OpenSslAsync("ca", "-config", dir.File("ca.cnf"), "-gencrl", "-crlexts", "delta", "-out", dir.File("delta.pem"));
        Assert.True(delta.ExitCode == 0, delta.StdErr);

        var parsed = CrlParser.ParseText(await File.ReadAllTextAsync(dir.File("full.pem")));
        Assert.True(parsed.IsSuccess);
        Assert.Empty(parsed.Value.RevokedSerials);
        Assert.Equal("KER-PCM-105", CrlParser.ParseText(await File.ReadAllTextAsync(dir.File("delta.pem"))).Error!.Code);
    }
}
