using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Testing;

namespace Kavach.Cli.Tests.Commands;

public sealed class CryptoCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("kavach-cli-crypto");
    private readonly string _cert;
    private readonly string _key;

    public CryptoCommandTests()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=partner", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        _cert = _dir.File("cert.pem");
        _key = _dir.File("key.pem");
        File.WriteAllText(_cert, certificate.ExportCertificatePem());
        File.WriteAllText(_key, rsa.ExportPkcs8PrivateKeyPem());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("AAECAwQFBgcICQoLDA", null)]
    [InlineData(null, "dzhENWsyczlMcVpwN240WA")]
    public async Task Encrypt_then_decrypt_round_trips_through_stdin_and_stdout(string? salt, string? aad)
    {
        var data = RandomNumberGenerator.GetBytes(5000);
        string[] extra = [.. salt is null ? [] : new[] { "--salt", salt }, .. aad is null ? [] : new[] { "--aad", aad }];
        var encrypted = await CliRun.RunWithInputAsync(data, ["crypto", "encrypt", "--cert", _cert, .. extra]);
        Assert.True(encrypted.ExitCode == 0, encrypted.Error);
        var envelope = Encoding.ASCII.GetString(encrypted.Bytes).Trim();
        Assert.Matches("^[A-Za-z0-9_-]+$", envelope);

        var decrypted = await CliRun.RunWithInputAsync(Encoding.ASCII.GetBytes(envelope), ["crypto", "decrypt", "--key", _key, .. extra]);
        Assert.True(decrypted.ExitCode == 0, decrypted.Error);
        Assert.Equal(data, decrypted.Bytes);
    }

    [Fact]
    public async Task Files_work_as_input_and_output()
    {
        await File.WriteAllBytesAsync(_dir.File("plain"), [1, 2, 3]);
        Assert.Equal(0, (await CliRun.RunAsync("crypto", "encrypt", "--cert", _cert, "--in", _dir.File("plain"), "--out", _dir.File("env"))).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("crypto", "decrypt", "--key", _key, "--in", _dir.File("env"), "--out", _dir.File("back"))).ExitCode);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(_dir.File("back")));
    }

    [Fact]
    public async Task Bad_input_fails_with_one_line_and_a_nonzero_exit()
    {
        var garbage = await CliRun.RunWithInputAsync("not an envelope"u8.ToArray(), "crypto", "decrypt", "--key", _key);
        Assert.Equal(1, garbage.ExitCode);
        Assert.Equal("kavach: cannot decrypt: not an envelope for this key, or it was altered", garbage.Error.Trim());
        Assert.Empty(garbage.Bytes);

        var envelope = Encoding.ASCII.GetString((await CliRun.RunWithInputAsync([1, 2, 3], "crypto", "encrypt", "--cert", _cert)).Bytes).Trim();
        var flipped = envelope[..^3] + (envelope[^3] == 'A' ? 'B' : 'A') + envelope[^2..];
        var tampered = await CliRun.RunWithInputAsync(Encoding.ASCII.GetBytes(flipped), "crypto", "decrypt", "--key", _key);
        Assert.Equal(garbage.Error, tampered.Error);

        var wrongSalt = await CliRun.RunWithInputAsync(Encoding.ASCII.GetBytes(envelope), "crypto", "decrypt", "--key", _key, "--salt", "%%%");
        Assert.Equal(1, wrongSalt.ExitCode);
        Assert.Single(wrongSalt.Error.Trim().Split('\n'));

        var noCert = await CliRun.RunWithInputAsync([1], "crypto", "encrypt", "--cert", _dir.File("missing.pem"));
        Assert.Equal(1, noCert.ExitCode);
        Assert.StartsWith("kavach: cannot read", noCert.Error, StringComparison.Ordinal);

        Assert.Equal(2, (await CliRun.RunAsync("crypto", "encrypt")).ExitCode);
    }

    public void Dispose() => _dir.Dispose();
}
