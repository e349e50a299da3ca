using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kavach.Testing;
using Kavach.Trust.Certificates;

namespace Kavach.Cli.Tests.Commands;

public sealed class TrustCommandTests
{
    [Fact]
    public async Task Upload_verify_list_re_sign_and_revoke_from_the_command_line()
    {
        using var dir = new TempDirectory("kavach-cli-trust");
        var data = dir.File("data");
        await BootstrappedData.CopyToAsync(data);

        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=CLI Partner Root,O=Partner Trust,C=IN", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        var partner = Issue(root, rootKey, "CN=cli-partner,O=Partner Org,C=IN", isCa: false, now);
        var inter = Issue(root, rootKey, "CN=CLI Issuing CA,O=Partner Trust,C=IN", isCa: true, now);
        await File.WriteAllTextAsync(dir.File("root.pem"), root.ExportCertificatePem());
        await File.WriteAllTextAsync(dir.File("partner.pem"), partner.ExportCertificatePem());
        await File.WriteAllTextAsync(dir.File("bundle.pem"), root.ExportCertificatePem() + "\n" + inter.ExportCertificatePem());

        var (code, output, error) = await CliRun.RunAsync("trust", "upload-ca", "--domain", "AUTH", "--file", dir.File("root.pem"), "--data-dir", data);
        Assert.True(code == 0, error);
        Assert.Contains("Upload Success.", output, StringComparison.Ordinal);

        // The root again (a duplicate) with a new intermediate: partly stored, exit code 3.
        (code, output, _) = await CliRun.RunAsync("trust", "upload-ca", "--domain", "AUTH", "--file", dir.File("bundle.pem"), "--data-dir", data);
        Assert.Equal(3, code);
        Assert.Contains("Partial Upload Success.", output, StringComparison.Ordinal);

        (code, output, error) = await CliRun.RunAsync("trust", "verify", "--domain", "auth", "--file", dir.File("partner.pem"), "--data-dir", data);
        Assert.True(code == 0, error);
        Assert.StartsWith("trusted", output, StringComparison.Ordinal);

        (code, output, error) = await CliRun.RunAsync("trust", "upload-partner", "--domain", "AUTH", "--org", "Partner Org", "--file", dir.File("partner.pem"), "--out", dir.File("chain.p7b"), "--data-dir", data);
        Assert.True(code == 0, error);
        Assert.Matches("certificateId: [0-9a-f-]{36}", output);
        Assert.True(CertsOnlyPkcs7.TryDecode(await File.ReadAllBytesAsync(dir.File("chain.p7b")), out var chain));
        Assert.Equal(3, chain.Count);
        Assert.Equal(partner.SubjectName.Name, chain[0].SubjectName.Name);

        (code, output, error) = await CliRun.RunAsync("trust", "list", "--json", "--data-dir", data);
        Assert.True(code == 0, error);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("subject").GetString() == "CN=CLI Partner Root,O=Partner Trust,C=IN" && r.GetProperty("status").GetString() == "valid" && r.GetProperty("caCertificateType").GetString() == "ROOT");
        Assert.Contains(rows, r => r.GetProperty("subject").GetString() == "CN=cli-partner,O=Partner Org,C=IN" && r.GetProperty("caCertificateType").GetString() == "INTERMEDIATE");

        // A DER CRL from the root revoking the partner: verify says so at once.
        var crl = new CertificateRevocationListBuilder();
        crl.AddEntry(partner);
        await File.WriteAllBytesAsync(dir.File("root.crl"), crl.Build(root, BigInteger.One, now.AddDays(7), HashAlgorithmName.SHA256, thisUpdate: now.AddMinutes(-1)));
        (code, output, error) = await CliRun.RunAsync("trust", "crl", "upload", "--file", dir.File("root.crl"), "--data-dir", data);
        Assert.True(code == 0, error);
        Assert.Contains("1 revoked", output, StringComparison.Ordinal);
        (code, _, error) = await CliRun.RunAsync("trust", "verify", "--domain", "AUTH", "--file", dir.File("partner.pem"), "--data-dir", data);
        Assert.Equal(1, code);
        Assert.Equal("kavach: not trusted: REVOKED (CN=cli-partner,O=Partner Org,C=IN)", error.Trim());
    }

    [Fact]
    public async Task A_CA_with_too_short_a_validity_is_refused_with_the_minimum_stated()
    {
        using var dir = new TempDirectory("kavach-cli-trust-short");
        var data = dir.File("data");
        await BootstrappedData.CopyToAsync(data);
        var now = DateTimeOffset.UtcNow;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=One Year Root,O=Partner Trust,C=IN", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var oneYear = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1).AddDays(-2));
        await File.WriteAllTextAsync(dir.File("short.pem"), oneYear.ExportCertificatePem());

        var (code, output, error) = await CliRun.RunAsync("trust", "upload-ca", "--domain", "AUTH", "--file", dir.File("short.pem"), "--data-dir", data);

        Assert.Equal(1, code);
        Assert.Empty(output.Trim());
        Assert.StartsWith("kavach: KER-PCM-017 ", error, StringComparison.Ordinal);
        Assert.Contains("at least 12 months", error, StringComparison.Ordinal);
        Assert.Contains($"this one ends {oneYear.NotAfter.ToUniversalTime():yyyy-MM-dd}", error, StringComparison.Ordinal);

        // Nothing was stored: the list is one empty JSON array.
        (code, output, error) = await CliRun.RunAsync("trust", "list", "--json", "--data-dir", data);
        Assert.True(code == 0, error);
        Assert.Equal("[]", output.Trim());
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, ECDsa issuerKey, string subject, bool isCa, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(isCa ? X509KeyUsageFlags.KeyCertSign : X509KeyUsageFlags.DigitalSignature, true));
        return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), now.AddDays(-1), now.AddDays(isCa ? 900 : 400), RandomNumberGenerator.GetBytes(8).Select((b, i) => i == 0 ? (byte)((b & 0x7F) | 1) : b).ToArray());
    }
}
