using Kavach.Testing;

namespace Kavach.Server.Tests.Support;

/// <summary>A throw-away CA made with the openssl command, to sign CSRs and make foreign certificates.</summary>
public sealed class ExternalCa : IDisposable
{
    private readonly TempDirectory _dir = new("kavach-ca");

    private ExternalCa()
    {
    }

    /// <summary>The CA certificate PEM.</summary>
    public string CertificatePem { get; private set; } = string.Empty;

    /// <summary>Creates the CA (RSA-2048, self-signed, 10 years).</summary>
    public static async Task<ExternalCa> CreateAsync(string commonName = "Test External CA")
    {
        var ca = new ExternalCa();
        await Run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca._dir.File("ca.key"), "-out", ca._dir.File("ca.pem"),
            "-days", "3650", "-subj", $"/C=IN/O=External/CN={commonName}");
        ca.CertificatePem = await File.ReadAllTextAsync(ca._dir.File("ca.pem"));
        return ca;
    }

    /// <summary>Signs a PEM CSR, returning the certificate PEM.</summary>
    public async Task<string> SignAsync(string csrPem, int days = 365)
    {
        var name = Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(_dir.File(name + ".csr"), csrPem);
        await Run("x509", "-req", "-in", _dir.File(name + ".csr"), "-CA", _dir.File("ca.pem"), "-CAkey", _dir.File("ca.key"),
            "-CAcreateserial", "-out", _dir.File(name + ".pem"), "-days", days.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await File.ReadAllTextAsync(_dir.File(name + ".pem"));
    }

    /// <summary>A new RSA-2048 certificate issued by this CA (a partner's, say), with its own fresh key.</summary>
    public async Task<string> IssueNewAsync(string commonName, int days = 365) => (await IssueNewWithKeyAsync(commonName, days)).CertificatePem;

    /// <summary>As <see cref="IssueNewAsync"/>, also returning the PKCS#8 PEM private key.</summary>
    public async Task<(string CertificatePem, string PrivateKeyPem)> IssueNewWithKeyAsync(string commonName, int days = 365)
    {
        var name = Guid.NewGuid().ToString("N");
        await Run("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", _dir.File(name + ".key"), "-out", _dir.File(name + ".csr"), "-subj", $"/C=IN/O=Partner/CN={commonName}");
        var certificate = await SignAsync(await File.ReadAllTextAsync(_dir.File(name + ".csr")), days);
        return (certificate, await File.ReadAllTextAsync(_dir.File(name + ".key")));
    }

    /// <inheritdoc />
    public void Dispose() => _dir.Dispose();

    private static async Task Run(params string[] args)
    {
        var (code, _, stderr) = await ExternalTool.RunAsync("openssl", args);
        Assert.True(code == 0, $"openssl {args[0]} failed: {stderr}");
    }
}
