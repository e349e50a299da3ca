using System.Security.Cryptography;
using System.Text;
using Kavach.Crypto.Jose;

namespace Kavach.Crypto.Tests.Jose;

/// <summary>Our JWE against python-jwcrypto, both directions, with and without DEFLATE.</summary>
public sealed class JweInteropTests
{
    private static readonly int[] Sizes = [0, 1, 31, 1000, 50_000];

    private static RSA Key => JoseTestKeys.RsaKey;

    private static string PublicPem => PemEncoding.WriteString("PUBLIC KEY", Key.ExportSubjectPublicKeyInfo());

    [Fact]
    public void Jwcrypto_decrypts_what_we_encrypt()
    {
        var plaintexts = new List<byte[]>();
        var tokens = new List<string>();
        var headers = new List<string>();
        foreach (bool deflate in new[] { false, true })
        {
            // jwcrypto 1.1 cannot decrypt an empty plaintext, even its own ("No recipient matched"), so size 0
            // is covered only in the other direction.
            foreach (int size in Sizes.Where(s => s > 0))
            {
                byte[] plaintext = Compressible(size);
                var header = new JoseHeader()
                    .Add("cty", "JWT").Add("typ", "JWT").Add("alg", "RSA-OAEP-256").Add("enc", "A256GCM").Add("kid", "kid-" + size);
                if (deflate)
                {
                    header.Add("zip", "DEF");
                }

                header.Add("x5c", ["AAEC"]).Add("x5t#S256", "kid-" + size);
                plaintexts.Add(plaintext);
                tokens.Add(JweCompact.Encrypt(header, plaintext, Key, deflate));
                headers.Add(Encoding.UTF8.GetString(header.ToUtf8Json()));
            }
        }

        ToolVerdict[] verdicts = Jwcrypto.DecryptJwe(Key.ExportPkcs8PrivateKeyPem(), tokens);

        for (int i = 0; i < tokens.Count; i++)
        {
            Assert.True(verdicts[i].Ok, $"case {i}: {verdicts[i].Detail}");
            Assert.Equal(plaintexts[i], verdicts[i].Value);
            Assert.Equal(headers[i], Encoding.UTF8.GetString(Convert.FromBase64String(verdicts[i].Detail)));
        }
    }

    [Fact]
    public void Jwcrypto_rejects_our_tokens_when_tampered_or_for_another_key()
    {
        string token = JweCompact.Encrypt(JweCompactTests.MosipHeader(true, "k"), Compressible(500), Key, true);
        string[] parts = token.Split('.');
        byte[] tag = B64.FromUrl(parts[4]);
        tag[0] ^= 1;
        string tampered = string.Join('.', parts[0], parts[1], parts[2], parts[3], B64.Url(tag));

        Assert.False(Jwcrypto.DecryptJwe(Key.ExportPkcs8PrivateKeyPem(), [tampered])[0].Ok);
        Assert.False(Jwcrypto.DecryptJwe(JoseTestKeys.OtherRsaKey.ExportPkcs8PrivateKeyPem(), [token])[0].Ok);
    }

    [Fact]
    public void We_decrypt_what_jwcrypto_encrypts()
    {
        var cases = new List<(byte[] Plaintext, bool Zip)>();
        foreach (bool zip in new[] { false, true })
        {
            foreach (int size in Sizes)
            {
                cases.Add((Compressible(size), zip));
            }

            cases.Add((RandomNumberGenerator.GetBytes(3000), zip));
        }

        string[] tokens = Jwcrypto.EncryptJwe(PublicPem, cases);

        for (int i = 0; i < tokens.Length; i++)
        {
            Assert.True(JweCompact.TryReadHeader(tokens[i], out ParsedJoseHeader? unauthenticated));
            Assert.Equal(cases[i].Zip ? "DEF" : null, unauthenticated.Zip);

            Assert.True(
                JweCompact.TryDecrypt(tokens[i], ek => Key.Decrypt(ek, RSAEncryptionPadding.OaepSHA256), out ParsedJoseHeader? header, out byte[] plaintext),
                $"case {i}");
            Assert.Equal(cases[i].Plaintext, plaintext);
            Assert.Equal("RSA-OAEP-256", header.Alg);
            Assert.Equal("A256GCM", header.Enc);

            Assert.False(JweCompact.TryDecrypt(tokens[i], ek => JoseTestKeys.OtherRsaKey.Decrypt(ek, RSAEncryptionPadding.OaepSHA256), out _, out _));
        }
    }

    private static byte[] Compressible(int size)
    {
        byte[] text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("""{"uin":"4276549175","name":"Zoë"},""", (size / 30) + 1)));
        return text[..size];
    }
}
