using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto.Jose;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Jose;

/// <summary>A signing key for one JWS algorithm, with the forms external tools need.</summary>
internal sealed class JoseTestKey
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;
    private readonly Ed25519PrivateKey? _ed25519;

    private JoseTestKey(JwsAlgorithm algorithm, RSA? rsa, ECDsa? ecdsa, Ed25519PrivateKey? ed25519)
    {
        Algorithm = algorithm;
        _rsa = rsa;
        _ecdsa = ecdsa;
        _ed25519 = ed25519;
        SubjectPublicKeyInfo = rsa?.ExportSubjectPublicKeyInfo() ?? ecdsa?.ExportSubjectPublicKeyInfo() ?? ed25519!.ExportSubjectPublicKeyInfo();
    }

    public JwsAlgorithm Algorithm { get; }

    public string Alg => Algorithm.ToString();

    public byte[] SubjectPublicKeyInfo { get; }

    public string PublicPem => PemEncoding.WriteString("PUBLIC KEY", SubjectPublicKeyInfo);

    public string PrivatePem =>
        _rsa?.ExportPkcs8PrivateKeyPem() ?? _ecdsa?.ExportPkcs8PrivateKeyPem() ?? PemEncoding.WriteString("PRIVATE KEY", _ed25519!.ExportPkcs8());

    public Func<byte[], byte[]> Signer => Algorithm switch
    {
        JwsAlgorithm.RS256 or JwsAlgorithm.PS256 => JwsSigners.ForRsa(_rsa!, Algorithm),
        JwsAlgorithm.ES256 or JwsAlgorithm.ES256K => JwsSigners.ForECDsa(_ecdsa!, Algorithm),
        _ => JwsSigners.ForEd25519(_ed25519!),
    };

    public static JoseTestKey Rsa(JwsAlgorithm algorithm, RSA key) => new(algorithm, key, null, null);

    public static JoseTestKey Ec(JwsAlgorithm algorithm, ECDsa key) => new(algorithm, null, key, null);

    public static JoseTestKey Ed(Ed25519PrivateKey key) => new(JwsAlgorithm.EdDSA, null, null, key);

    public JoseTestKey WithAlgorithm(JwsAlgorithm algorithm) => new(algorithm, _rsa, _ecdsa, _ed25519);

    /// <summary>A fresh verification key built from the SPKI, the way a partner's key would arrive.</summary>
    public JwsVerificationKey VerificationKey() =>
        JwsVerificationKey.FromSubjectPublicKeyInfo(SubjectPublicKeyInfo) ?? throw new InvalidOperationException("SPKI refused.");

    /// <summary>A self-signed certificate made by the openssl CLI, so Ed25519 works too.</summary>
    public X509Certificate2 Certificate()
    {
        using var directory = new TempDirectory();
        string keyPath = directory.Write("key.pem", System.Text.Encoding.ASCII.GetBytes(PrivatePem));
        string certPath = directory.PathOf("cert.der");
        ToolResult result = ExternalTool.OpenSsl("req", "-x509", "-key", keyPath, "-subj", "/CN=Kavach JOSE test", "-days", "2", "-outform", "DER", "-out", certPath);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return X509CertificateLoader.LoadCertificate(File.ReadAllBytes(certPath));
    }
}
