using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kavach.Keys.Storage;
using Kavach.Storage;
using Kavach.Testing;

namespace Kavach.Cli.Tests.Commands;

public sealed class PartnerCommandTests
{
    [Fact]
    public async Task Onboard_writes_the_four_files_and_openssl_verifies_the_TLS_chain_against_the_bundle()
    {
        using var dir = new TempDirectory("kavach-cli-partner");
        var data = dir.File("data");
        await PrepareAsync(dir, data);

        // The partner's TLS key and CSR as a partner makes them, with openssl.
        var (csrCode, _, csrError) = await ExternalTool.OpenSslAsync(
            "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.File("tls.key"), "-out", dir.File("tls.csr"), "-subj", "/CN=ignored");
        Assert.True(csrCode == 0, csrError);

        var output = dir.File("out");
        var (code, text, error) = await CliRun.RunAsync(
            "partner", "onboard", "--partner-id", "cli-partner", "--org", "Partner Org", "--domain", "AUTH",
            "--ca", dir.File("ca.pem"), "--signing-cert", dir.File("signing.pem"), "--encryption-cert", dir.File("encryption.pem"),
            "--tls-csr", dir.File("tls.csr"), "--out", output, "--data-dir", data);
        Assert.True(code == 0, error);
        Assert.Contains("partner cli-partner: ACTIVE", text, StringComparison.Ordinal);
        foreach (var file in new[] { "tls-chain.pem", "server-signing.pem", "server-encryption.pem", "ca-bundle.pem" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        }

        // openssl: the leaf (first block of tls-chain.pem) chains to the pinned bundle, for TLS client use.
        var leaf = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(output, "tls-chain.pem")));
        await File.WriteAllTextAsync(dir.File("leaf.pem"), leaf.ExportCertificatePem());
        var (verifyCode, verifyOut, verifyError) = await ExternalTool.OpenSslAsync(
            "verify", "-CAfile", Path.Combine(output, "ca-bundle.pem"), "-purpose", "sslclient", dir.File("leaf.pem"));
        Assert.True(verifyCode == 0, verifyOut + verifyError);
        Assert.Contains("OK", verifyOut, StringComparison.Ordinal);

        // The leaf holds the partner's key from the CSR.
        var (modCode, keyModulus, _) = await ExternalTool.OpenSslAsync("rsa", "-in", dir.File("tls.key"), "-noout", "-modulus");
        Assert.Equal(0, modCode);
        Assert.Contains(Convert.ToHexString(leaf.GetRSAPublicKey()!.ExportParameters(false).Modulus!), keyModulus, StringComparison.Ordinal);

        (code, text, error) = await CliRun.RunAsync("partner", "show", "cli-partner", "--json", "--data-dir", data);
        Assert.True(code == 0, error);
        var shown = JsonDocument.Parse(text).RootElement;
        Assert.Equal("ACTIVE", shown.GetProperty("status").GetString());
        Assert.Equal(leaf.SerialNumber, shown.GetProperty("tlsCertificateSerials")[0].GetString());

        (code, _, error) = await CliRun.RunAsync("partner", "renew", "--partner-id", "cli-partner", "--tls-csr", dir.File("tls.csr"), "--out", dir.File("renewed"), "--data-dir", data);
        Assert.True(code == 0, error);
        (code, text, error) = await CliRun.RunAsync("partner", "list", "--data-dir", data);
        Assert.True(code == 0, error);
        Assert.Contains("cli-partner", text, StringComparison.Ordinal);

        (code, text, error) = await CliRun.RunAsync("partner", "revoke", "--partner-id", "cli-partner", "--reason", "test over", "--data-dir", data);
        Assert.True(code == 0, error);
        Assert.Contains("REVOKED", text, StringComparison.Ordinal);

        (code, _, error) = await CliRun.RunAsync("partner", "renew", "--partner-id", "cli-partner", "--tls-csr", dir.File("tls.csr"), "--out", dir.File("again"), "--data-dir", data);
        Assert.NotEqual(0, code);
        Assert.Contains("KER-PCH-013", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_CSR_fails_with_its_code_and_writes_nothing()
    {
        using var dir = new TempDirectory("kavach-cli-partner-bad");
        var data = dir.File("data");
        await PrepareAsync(dir, data);
        await File.WriteAllTextAsync(dir.File("bad.csr"), "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n");

        var (code, _, error) = await CliRun.RunAsync(
            "partner", "onboard", "--partner-id", "bad-partner", "--org", "Partner Org",
            "--ca", dir.File("ca.pem"), "--signing-cert", dir.File("signing.pem"), "--encryption-cert", dir.File("encryption.pem"),
            "--tls-csr", dir.File("bad.csr"), "--out", dir.File("out"), "--data-dir", data);
        Assert.NotEqual(0, code);
        Assert.Contains("KER-PCH-012", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
        Assert.Contains("KER-PCH-010", (await CliRun.RunAsync("partner", "show", "bad-partner", "--data-dir", data)).Error, StringComparison.Ordinal);
    }

    /// <summary>Start-up keys, an IDA key policy (MOSIP's kernel seed has none), and a partner PKI in files.</summary>
    private static async Task PrepareAsync(TempDirectory dir, string data)
    {
        await BootstrappedData.CopyToAsync(data);
        await using (var store = KeyStores.Create(new StoreOptions(StoreProvider.Sqlite, $"Data Source={Path.Combine(data, "kavach.db")}"), TimeProvider.System))
        {
            await store.UpsertPolicyAsync(new KeyPolicy("IDA", 1095, 60, true, "NA"), CancellationToken.None);
        }

        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=CLI Partner CA,O=Partner Org,C=IN", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        await File.WriteAllTextAsync(dir.File("ca.pem"), ca.ExportCertificatePem());
        await File.WriteAllTextAsync(dir.File("signing.pem"), Leaf(ca, caKey, "CN=cli-partner signing,O=Partner Org,C=IN", now).ExportCertificatePem());
        await File.WriteAllTextAsync(dir.File("encryption.pem"), Leaf(ca, caKey, "CN=cli-partner encryption,O=Partner Org,C=IN", now).ExportCertificatePem());
    }

    private static X509Certificate2 Leaf(X509Certificate2 ca, RSA caKey, string subject, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        return request.Create(ca.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1), now.AddDays(-1), now.AddDays(500), [0x01, .. RandomNumberGenerator.GetBytes(11)]);
    }
}
