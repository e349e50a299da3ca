using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Tests.Protocol.Support;

namespace Kavach.Devices.Tests.Protocol.Jose;

public sealed class StrictJweTests
{
    private static readonly TestPki Pki = new(DateTimeOffset.UtcNow);
    private static readonly TestServerKeys Keys = new(Pki);
    private static readonly byte[] Plaintext = Encoding.ASCII.GetBytes("eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
    private const string GoodHeader = "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"srv-enc-2026-01\",\"cty\":\"JWT\"}";

    private static ValueTask<MessageCheck<JweContent>> Decrypt(string jwe) => StrictJwe.DecryptAsync(jwe, Keys.UnwrapContentKeyAsync, default);

    [Fact]
    public async Task Encrypted_token_decrypts_with_the_server_key()
    {
        string jwe = StrictJwe.Encrypt(Plaintext, Pki.ServerEncryption.Certificate, TestPki.EncryptionKid);
        var result = await Decrypt(jwe);
        Assert.True(result.IsSuccess, result.Detail);
        Assert.Equal(Plaintext, result.Value.Plaintext);
        Assert.Equal(TestPki.EncryptionKid, result.Value.Kid);
        Assert.Equal(GoodHeader, Encoding.UTF8.GetString(Convert.FromBase64String(Pad(jwe.Split('.')[0]))));
    }

    [Fact]
    public async Task Hand_made_token_with_the_exact_header_decrypts()
    {
        var result = await Decrypt(TokenForge.Jwe(GoodHeader, Plaintext, Pki.ServerEncryption.Certificate.GetRSAPublicKey()!));
        Assert.True(result.IsSuccess, result.Detail);
    }

    [Theory]
    [InlineData("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"srv-enc-2026-01\",\"cty\":\"JWT\"}")]
    [InlineData("{\"alg\":\"RSA1_5\",\"enc\":\"A256GCM\",\"kid\":\"srv-enc-2026-01\",\"cty\":\"JWT\"}")]
    [InlineData("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A128GCM\",\"kid\":\"srv-enc-2026-01\",\"cty\":\"JWT\"}")]
    [InlineData("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256CBC-HS512\",\"kid\":\"srv-enc-2026-01\",\"cty\":\"JWT\"}")]
    [InlineData("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"srv-enc-2026-01\"}")]
    [InlineData("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}")]
    [InlineData("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"srv-enc-2026-01\",\"cty\":\"json\"}")]
    [InlineData("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"srv-enc-2026-01\",\"cty\":\"JWT\",\"zip\":\"DEF\"}")]
    [InlineData("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"srv-enc-2026-01\",\"cty\":\"JWT\",\"jku\":\"https://evil\"}")]
    [InlineData("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"srv-enc-2026-01\",\"cty\":\"JWT\",\"kid\":\"other\"}")]
    [InlineData("[\"alg\"]")]
    public async Task Header_tampering_is_refused_before_any_unwrap(string header)
    {
        int before = Keys.Unwraps;
        var result = await Decrypt(TokenForge.Jwe(header, Plaintext, Pki.ServerEncryption.Certificate.GetRSAPublicKey()!));
        Assert.False(result.IsSuccess);
        Assert.Equal(MessageRefusal.EncryptionHeader, result.Refusal);
        Assert.Equal(before, Keys.Unwraps);
    }

    [Fact]
    public async Task Unknown_or_retired_kid_is_refused_with_the_same_error()
    {
        string jwe = StrictJwe.Encrypt(Plaintext, Pki.ServerEncryption.Certificate, "srv-enc-2025-01");
        var result = await Decrypt(jwe);
        Assert.Equal(MessageRefusal.EncryptionKey, result.Refusal);
        Assert.Equal("KER-DEV-001", result.Error!.Code);
    }

    [Theory]
    [InlineData(16, 12, 16)]
    [InlineData(32, 16, 16)]
    [InlineData(32, 12, 12)]
    public async Task Wrong_CEK_IV_or_tag_length_is_refused(int cek, int iv, int tag)
    {
        var result = await Decrypt(TokenForge.Jwe(GoodHeader, Plaintext, Pki.ServerEncryption.Certificate.GetRSAPublicKey()!, cek, iv, tag));
        Assert.False(result.IsSuccess);
        Assert.Contains(result.Refusal, new[] { MessageRefusal.Decryption, MessageRefusal.EncryptionKey });
    }

    [Fact]
    public async Task One_flipped_ciphertext_bit_fails_the_tag()
    {
        string jwe = StrictJwe.Encrypt(Plaintext, Pki.ServerEncryption.Certificate, TestPki.EncryptionKid);
        string[] parts = jwe.Split('.');
        Assert.True(Kavach.Crypto.Base64Url.TryDecodeUrlSafe(parts[3], out byte[] ciphertext));
        ciphertext[0] ^= 1;
        parts[3] = Kavach.Crypto.Base64Url.Encode(ciphertext);
        var result = await Decrypt(string.Join('.', parts));
        Assert.Equal(MessageRefusal.Decryption, result.Refusal);
    }

    [Fact]
    public async Task Encrypted_to_another_key_fails_as_a_key_failure()
    {
        string jwe = StrictJwe.Encrypt(Plaintext, Pki.ServerSigning.Certificate, TestPki.EncryptionKid);
        Assert.Equal(MessageRefusal.EncryptionKey, (await Decrypt(jwe)).Refusal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public async Task Truncated_or_extended_compact_form_is_malformed(int parts)
    {
        string jwe = StrictJwe.Encrypt(Plaintext, Pki.ServerEncryption.Certificate, TestPki.EncryptionKid);
        string[] split = jwe.Split('.');
        string changed = parts == 4 ? string.Join('.', split[..4]) : jwe + ".AAAA";
        Assert.Equal(MessageRefusal.Malformed, (await Decrypt(changed)).Refusal);
    }

    [Fact]
    public async Task An_unwrap_that_throws_a_crypto_error_is_a_refusal_not_an_exception()
    {
        string jwe = StrictJwe.Encrypt(Plaintext, Pki.ServerEncryption.Certificate, TestPki.EncryptionKid);
        var result = await StrictJwe.DecryptAsync(jwe, (_, _, _) => throw new CryptographicException("hsm says no"), default);
        Assert.Equal(MessageRefusal.EncryptionKey, result.Refusal);
    }

    [Fact]
    public void Encrypting_to_a_weak_key_is_refused()
    {
        var weak = Pki.SelfSigned("weak", 1024);
        Assert.Throws<ArgumentException>(() => StrictJwe.Encrypt(Plaintext, weak.Certificate, "k"));
    }

    private static string Pad(string b64url)
    {
        string s = b64url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}
