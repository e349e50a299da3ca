using System.Globalization;
using Kavach.Testing;

namespace Kavach.Server.Tests.Trust.Pki;

/// <summary>
/// A certificate authority run with the <c>openssl ca</c> command in a directory of its own: issues CA and partner
/// certificates with chosen dates, key sizes, digests and profiles, revokes them and makes CRLs.
/// </summary>
public sealed class OpenSslCa
{
    private readonly string _dir;

    private OpenSslCa(string dir, string certificatePem)
    {
        _dir = dir;
        CertificatePem = certificatePem;
    }

    /// <summary>The CA's certificate, PEM.</summary>
    public string CertificatePem { get; }

    /// <summary>A self-signed RSA-2048 root CA, valid from yesterday for <paramref name="days"/> days.</summary>
    public static async Task<OpenSslCa> CreateRootAsync(string parent, string name, string subject, int days = 3650)
    {
        var dir = Prepare(parent, name);
        await RunAsync(
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", Path.Combine(dir, "ca.key"), "-out", Path.Combine(dir, "ca.pem"),
            "-days", days.ToString(CultureInfo.InvariantCulture), "-subj", subject, "-config", Path.Combine(dir, "ca.cnf"), "-extensions", "v3_ca");
        return new OpenSslCa(dir, await File.ReadAllTextAsync(Path.Combine(dir, "ca.pem")));
    }

    /// <summary>A sub-CA issued by this CA (CA:TRUE), able to issue and revoke in its turn.</summary>
    public async Task<OpenSslCa> CreateIntermediateAsync(string name, string subject, int days = 1825)
    {
        var dir = Prepare(_dir, name);
        var issued = await IssueAsync(name, subject, new IssueOptions { Days = days, Profile = "v3_ca" });
        await File.WriteAllTextAsync(Path.Combine(dir, "ca.pem"), issued.CertificatePem);
        await File.WriteAllTextAsync(Path.Combine(dir, "ca.key"), issued.PrivateKeyPem);
        return new OpenSslCa(dir, issued.CertificatePem);
    }

    /// <summary>A new key (made now) and a certificate for it signed by this CA.</summary>
    public async Task<IssuedCertificate> IssueAsync(string name, string subject, IssueOptions? options = null)
    {
        options ??= new IssueOptions();
        var key = Path.Combine(_dir, name + ".key");
        var csr = Path.Combine(_dir, name + ".csr");
        var certificate = Path.Combine(_dir, name + ".pem");
        await RunAsync("req", "-new", "-newkey", $"rsa:{options.Bits}", "-nodes", "-keyout", key, "-out", csr, "-subj", subject);
        var args = new List<string>
        {
            "ca", "-batch", "-notext", "-preserveDN", "-config", Path.Combine(_dir, "ca.cnf"), "-in", csr, "-out", certificate, "-md", options.Digest,
            "-startdate", Stamp(DateTimeOffset.UtcNow.AddDays(options.StartDays)), "-enddate", Stamp(DateTimeOffset.UtcNow.AddDays(options.StartDays + options.Days)),
        };
        if (options.Profile is { } profile)
        {
            args.AddRange(["-extensions", profile]);
        }

        await RunAsync([.. args]);
        return new IssuedCertificate(await File.ReadAllTextAsync(certificate), await File.ReadAllTextAsync(key), certificate, key);
    }

    /// <summary>Marks <paramref name="certificate"/> revoked in this CA's database (it shows in the next CRL).</summary>
    public Task RevokeAsync(IssuedCertificate certificate) =>
        RunAsync("ca", "-config", Path.Combine(_dir, "ca.cnf"), "-revoke", certificate.CertificatePath);

    /// <summary>A CRL of this CA, PEM.</summary>
    public async Task<string> CrlAsync()
    {
        var path = Path.Combine(_dir, "crl-" + Guid.NewGuid().ToString("N") + ".pem");
        await RunAsync("ca", "-config", Path.Combine(_dir, "ca.cnf"), "-gencrl", "-out", path);
        return await File.ReadAllTextAsync(path);
    }

    /// <summary>A self-signed certificate that no CA issued (a partner trying to skip the CA).</summary>
    public static async Task<IssuedCertificate> SelfSignedAsync(string parent, string name, string subject)
    {
        var key = Path.Combine(parent, name + ".key");
        var certificate = Path.Combine(parent, name + ".pem");
        await RunAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "400", "-subj", subject);
        return new IssuedCertificate(await File.ReadAllTextAsync(certificate), await File.ReadAllTextAsync(key), certificate, key);
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyMMddHHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Prepare(string parent, string name)
    {
        var dir = Path.Combine(parent, name);
        Directory.CreateDirectory(Path.Combine(dir, "new"));
        File.WriteAllText(Path.Combine(dir, "index.txt"), string.Empty);
        File.WriteAllText(Path.Combine(dir, "serial"), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)) + "\n");
        File.WriteAllText(Path.Combine(dir, "crlnumber"), "1000\n");
        File.WriteAllText(Path.Combine(dir, "ca.cnf"), $"""
            [ca]
            default_ca = ca_default
            [ca_default]
            dir = {dir}
            database = $dir/index.txt
            new_certs_dir = $dir/new
            certificate = $dir/ca.pem
            private_key = $dir/ca.key
            serial = $dir/serial
            crlnumber = $dir/crlnumber
            default_md = sha256
            default_days = 400
            default_crl_days = 30
            policy = policy_any
            unique_subject = no
            copy_extensions = none
            [policy_any]
            countryName = optional
            stateOrProvinceName = optional
            localityName = optional
            organizationName = optional
            organizationalUnitName = optional
            commonName = supplied
            [req]
            distinguished_name = req_dn
            [req_dn]
            [v3_ca]
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign,digitalSignature
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            [v3_leaf]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature,keyEncipherment
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            """);
        return dir;
    }

    private static async Task RunAsync(params string[] args)
    {
        var (code, _, stderr) = await ExternalTool.OpenSslAsync(args);
        Assert.True(code == 0, $"openssl {string.Join(' ', args.Take(2))} failed: {stderr}");
    }
}
