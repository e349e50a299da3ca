using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Crypto.Jose;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Jose;

/// <summary>x5c entries as MOSIP's partners send them: what MOSIP accepts, Kavach accepts; garbage stays refused.</summary>
public sealed class X5cEntryTests
{
    private static readonly byte[] Der = SelfSigned();

    [Fact]
    public void Pem_text_in_unpadded_base64url_decodes_at_every_length_the_encoding_can_have()
    {
        var lengthsModFour = new HashSet<int>();
        var pem = PemEncoding.WriteString("CERTIFICATE", Der);

        // Trailing newlines shift the PEM's length, so the encoded length takes every value mod 4 that base64 allows.
        for (var newlines = 0; newlines < 3; newlines++)
        {
            var entry = Base64Url.Encode(Encoding.ASCII.GetBytes(pem + new string('\n', newlines)));
            lengthsModFour.Add(entry.Length % 4);

            Assert.True(X5cEntry.TryDecode(entry, out var der), $"length mod 4 = {entry.Length % 4}");
            Assert.Equal(Der, der);
        }

        Assert.Equal([0, 2, 3], lengthsModFour.Order());
    }

    [Fact]
    public void Python_encodebytes_output_with_its_newlines_decodes_for_pem_and_der()
    {
        var pem = PemEncoding.WriteString("CERTIFICATE", Der);
        const string encodeBytes = "import base64,sys; sys.stdout.write(base64.encodebytes(sys.stdin.read().encode('latin-1')).decode())";

        var ofPem = ExternalTool.Python(encodeBytes, pem);
        var ofDer = ExternalTool.Python(encodeBytes, Encoding.Latin1.GetString(Der));

        Assert.Contains('\n', ofPem.TrimEnd('\n'));
        Assert.True(X5cEntry.TryDecode(ofPem, out var fromPem));
        Assert.True(X5cEntry.TryDecode(ofDer, out var fromDer));
        Assert.Equal(Der, fromPem);
        Assert.Equal(Der, fromDer);
    }

    [Theory]
    [InlineData("standard")]
    [InlineData("standard-unpadded")]
    [InlineData("url")]
    [InlineData("url-padded")]
    public void Der_in_either_alphabet_with_or_without_padding_decodes(string spelling)
    {
        var standard = Convert.ToBase64String(Der);
        var url = Base64Url.Encode(Der);
        var entry = spelling switch
        {
            "standard" => standard,
            "standard-unpadded" => standard.TrimEnd('='),
            "url" => url,
            _ => url + new string('=', (4 - (url.Length % 4)) % 4),
        };

        Assert.True(X5cEntry.TryDecode(entry, out var der));
        Assert.Equal(Der, der);
    }

    [Theory]
    [InlineData("")]
    [InlineData("=")]
    [InlineData(" \n ")]
    [InlineData("M")]
    [InlineData("MA$$")]
    [InlineData("MA=A")]
    [InlineData("MA===")]
    public void Entries_that_are_not_base64_are_refused(string entry)
    {
        Assert.False(X5cEntry.TryDecode(entry, out var der));
        Assert.Empty(der);
    }

    [Fact]
    public void Pem_of_something_other_than_a_certificate_is_refused()
    {
        var pem = PemEncoding.WriteString("PUBLIC KEY", Der);

        Assert.False(X5cEntry.TryDecode(Base64Url.Encode(Encoding.ASCII.GetBytes(pem)), out _));
    }

    [Fact]
    public void An_entry_far_larger_than_any_certificate_is_refused_before_decoding()
    {
        Assert.False(X5cEntry.TryDecode(new string('A', 64 * 1024 + 4), out _));
    }

    private static byte[] SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=partner", key, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        return certificate.RawData;
    }
}
