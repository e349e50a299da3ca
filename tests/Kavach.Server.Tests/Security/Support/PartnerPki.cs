using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Kavach.Testing;

namespace Kavach.Server.Tests.Security.Support;

/// <summary>A partner CA made with <c>openssl</c> that issues client, server and CA certificates with chosen dates and usages.</summary>
public sealed class PartnerPki : IDisposable
{
    private const string Config = """
        [ ca ]
        default_ca = kavach_ca
        [ kavach_ca ]
        dir = .
        database = index.txt
        new_certs_dir = .
        serial = serial
        default_md = sha256
        policy = any
        copy_extensions = none
        unique_subject = no
        [ any ]
        commonName = supplied
        organizationName = optional
        countryName = optional
        [ client ]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature,keyEncipherment
        extendedKeyUsage = clientAuth
        [ server ]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature,keyEncipherment
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:localhost,IP:127.0.0.1
        [ root ]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,keyCertSign,cRLSign,digitalSignature
        subjectKeyIdentifier = hash
        """;

    private readonly TempDirectory _dir = new("kavach-pki");

    private PartnerPki()
    {
    }

    /// <summary>The CA certificate PEM.</summary>
    public string CaPem { get; private set; } = string.Empty;

    /// <summary>The CA certificate with its private key (to misuse as a client certificate).</summary>
    public X509Certificate2 CaWithKey => Load("ca.pem", "ca.key");

    /// <summary>Makes a self-signed CA valid for ten years.</summary>
    public static async Task<PartnerPki> CreateAsync(string commonName)
    {
        var pki = new PartnerPki();
        await File.WriteAllTextAsync(pki._dir.File("openssl.cnf"), Config);
        await File.WriteAllTextAsync(pki._dir.File("index.txt"), string.Empty);
        await File.WriteAllTextAsync(pki._dir.File("serial"), "1000\n");
        await pki.RunAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650",
            "-subj", $"/C=IN/O=Partner Org/CN={commonName}", "-config", "openssl.cnf", "-extensions", "root");
        pki.CaPem = await File.ReadAllTextAsync(pki._dir.File("ca.pem"));
        return pki;
    }

    /// <summary>Issues a certificate with profile <c>client</c>, <c>server</c>; valid from <paramref name="notBefore"/> to <paramref name="notAfter"/> (default: now, one year).</summary>
    public async Task<(string CertificatePath, string KeyPath)> IssueFilesAsync(string commonName, string profile = "client", DateTime? notBefore = null, DateTime? notAfter = null)
    {
        var name = Guid.NewGuid().ToString("N");
        await RunAsync("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", $"/C=IN/O=Partner Org/CN={commonName}");
        var start = notBefore ?? DateTime.UtcNow.AddMinutes(-5);
        var end = notAfter ?? DateTime.UtcNow.AddDays(365);
        await RunAsync("ca", "-batch", "-config", "openssl.cnf", "-cert", "ca.pem", "-keyfile", "ca.key", "-in", name + ".csr", "-out", name + ".pem",
            "-extensions", profile, "-notext", "-startdate", Stamp(start), "-enddate", Stamp(end));
        return (_dir.File(name + ".pem"), _dir.File(name + ".key"));
    }

    /// <summary>Issues a client certificate and returns it with its private key.</summary>
    public async Task<X509Certificate2> IssueClientAsync(string commonName, string profile = "client", DateTime? notBefore = null, DateTime? notAfter = null)
    {
        var (certificate, key) = await IssueFilesAsync(commonName, profile, notBefore, notAfter);
        return Load(Path.GetFileName(certificate), Path.GetFileName(key));
    }

    /// <inheritdoc />
    public void Dispose() => _dir.Dispose();

    private static string Stamp(DateTime value) => value.ToUniversalTime().ToString("yyyyMMddHHmmss'Z'", CultureInfo.InvariantCulture);

    private X509Certificate2 Load(string certificate, string key)
    {
        using var ephemeral = X509Certificate2.CreateFromPemFile(_dir.File(certificate), _dir.File(key));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    private async Task RunAsync(params string[] args)
    {
        var (code, _, stderr) = await ExternalTool.RunAsync("openssl", args, workingDirectory: _dir.Path);
        Assert.True(code == 0, $"openssl {args[0]} failed: {stderr}");
    }
}
