using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Crypto.Jose;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Jose;

public sealed class JoseKeyIdsTests
{
    [Fact]
    public void Thumbprint_and_x5c_match_what_openssl_computes_for_the_certificate()
    {
        using X509Certificate2 certificate = JoseTestKeys.For(JwsAlgorithm.ES256).Certificate();
        using var directory = new TempDirectory();
        string der = directory.Write("cert.der", certificate.RawData);

        ToolResult digest = ExternalTool.OpenSsl("dgst", "-sha256", "-binary", "-out", directory.PathOf("hash.bin"), der);
        ToolResult base64 = ExternalTool.OpenSsl("base64", "-A", "-in", der);
        ToolResult fingerprint = ExternalTool.OpenSsl("x509", "-inform", "DER", "-in", der, "-noout", "-fingerprint", "-sha256");
        Assert.True(digest.ExitCode == 0 && base64.ExitCode == 0 && fingerprint.ExitCode == 0, digest.StandardError + base64.StandardError + fingerprint.StandardError);

        string expectedKid = B64.Url(File.ReadAllBytes(directory.PathOf("hash.bin")));
        Assert.Equal(expectedKid, JoseKeyIds.CertificateThumbprintS256(certificate));
        Assert.Equal(expectedKid, JoseKeyIds.CertificateThumbprintS256(certificate.RawData));
        Assert.Equal(43, expectedKid.Length);
        Assert.Equal(base64.StandardOutput.Trim(), JoseKeyIds.X5c(certificate));
        Assert.Equal(base64.StandardOutput.Trim(), JoseKeyIds.X5c(certificate.RawData));

        // "sha256 Fingerprint=AB:CD:..." is MOSIP's cert_thumbprint with colons.
        string expectedHex = fingerprint.StandardOutput.Trim().Split('=')[1].Replace(":", string.Empty, StringComparison.Ordinal);
        Assert.True(JoseKeyIds.TryThumbprintHexFromKid(expectedKid, out string? hex));
        Assert.Equal(expectedHex, hex);
        Assert.True(JoseKeyIds.TryThumbprintHexFromKid(expectedKid + "=", out string? padded));
        Assert.Equal(expectedHex, padded);
    }

    [Fact]
    public void Kid_of_the_wrong_length_or_alphabet_is_refused()
    {
        Assert.False(JoseKeyIds.TryThumbprintHexFromKid(null, out _));
        Assert.False(JoseKeyIds.TryThumbprintHexFromKid("", out _));
        Assert.False(JoseKeyIds.TryThumbprintHexFromKid(B64.Url(new byte[31]), out _));
        Assert.False(JoseKeyIds.TryThumbprintHexFromKid(B64.Url(new byte[33]), out _));
        Assert.False(JoseKeyIds.TryThumbprintHexFromKid(Convert.ToBase64String(Enumerable.Repeat((byte)0xFB, 32).ToArray()), out _));
    }

    [Fact]
    public void Thumbprint_of_the_empty_input_is_the_known_sha256_vector()
    {
        // SHA-256("") = e3b0c442...b855 (FIPS 180-4 test vector), written as base64url.
        Assert.Equal("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU", JoseKeyIds.CertificateThumbprintS256(ReadOnlySpan<byte>.Empty));
        Assert.Equal(B64.Url(Encoding.ASCII.GetBytes("abc")), JoseKeyIds.X5c("abc"u8).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
    }
}
