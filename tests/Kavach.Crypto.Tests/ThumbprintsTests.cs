using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests;

public sealed class ThumbprintsTests
{
    [Fact]
    public void Fips_180_abc_vectors()
    {
        // FIPS 180-2 appendix examples for the message "abc".
        Assert.Equal("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", Thumbprints.Sha256UpperHex("abc"u8));
        Assert.Equal("a9993e364706816aba3e25717850c26c9cd0d89d", Thumbprints.Sha1LowerHex("abc"u8));
        Assert.Equal("A9993E364706816ABA3E25717850C26C9CD0D89D", Thumbprints.Sha1UpperHex("abc"u8));
        Assert.Equal(Bytes.FromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), Thumbprints.Sha256("abc"u8));
    }

    [Fact]
    public void Certificate_thumbprints_match_the_openssl_cli_fingerprints()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kavach-test", key, HashAlgorithmName.SHA256);
        var notBefore = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using X509Certificate2 certificate = request.CreateSelfSigned(notBefore, notBefore.AddYears(1));
        byte[] der = certificate.RawData;
        using var directory = new TempDirectory();
        string path = directory.Write("cert.der", der);

        string sha256 = Fingerprint(path, "-sha256");
        string sha1 = Fingerprint(path, "-sha1");

        Assert.Equal(sha256, Thumbprints.Sha256UpperHex(der));
        Assert.Equal(sha1, Thumbprints.Sha1UpperHex(der));
        Assert.Equal(sha1.ToLowerInvariant(), Thumbprints.Sha1LowerHex(der));
        Assert.Equal(certificate.Thumbprint, Thumbprints.Sha1UpperHex(der));
    }

    [Fact]
    public void Output_shapes_hold_for_random_input()
    {
        var random = new Random(5);
        for (int length = 0; length < 200; length += 7)
        {
            byte[] data = Bytes.Random(random, length);

            Assert.Matches("^[0-9A-F]{64}$", Thumbprints.Sha256UpperHex(data));
            Assert.Matches("^[0-9a-f]{40}$", Thumbprints.Sha1LowerHex(data));
            Assert.Matches("^[0-9A-F]{40}$", Thumbprints.Sha1UpperHex(data));
            Assert.Equal(32, Thumbprints.Sha256(data).Length);
            Assert.Equal(Convert.ToHexString(Thumbprints.Sha256(data)), Thumbprints.Sha256UpperHex(data));
        }
    }

    private static string Fingerprint(string path, string digest)
    {
        ToolResult result = ExternalTool.OpenSsl("x509", "-inform", "DER", "-in", path, "-noout", "-fingerprint", digest);
        Assert.Equal(0, result.ExitCode);

        // "SHA256 Fingerprint=AB:CD:..." -> "ABCD..."
        return result.StandardOutput.Trim().Split('=', 2)[1].Replace(":", string.Empty, StringComparison.Ordinal);
    }
}
