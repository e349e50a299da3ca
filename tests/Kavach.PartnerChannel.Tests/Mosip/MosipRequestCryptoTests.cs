using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Kavach.Crypto;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Mosip;
using Kavach.PartnerChannel.Tests.Support;

namespace Kavach.PartnerChannel.Tests.Mosip;

public sealed class MosipRequestCryptoTests
{
    private static CertificateChannelKeys Server => TestPki.Instance.ServerKeys;

    private static MosipDecryptedRequest? Decrypt(MosipEncryptedRequest encrypted)
    {
        using RSA key = Server.EncryptionCertificate.GetRSAPrivateKey()!;
        return MosipRequestCrypto.TryDecrypt(encrypted, SHA256.HashData(Server.EncryptionCertificate.RawData), w => key.Decrypt(w, RSAEncryptionPadding.OaepSHA256));
    }

    [Fact]
    public void Encrypted_requests_round_trip_and_their_HMAC_matches()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>(), text =>
        {
            byte[] request = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { text = text.Get }));
            MosipEncryptedRequest encrypted = MosipRequestCrypto.Encrypt(request, Server.EncryptionCertificate);
            using MosipDecryptedRequest? decrypted = Decrypt(encrypted);
            return decrypted is not null && decrypted.Request.AsSpan().SequenceEqual(request) && MosipRequestCrypto.HmacMatches(decrypted);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    [Fact]
    public void Layout_is_IDAs_ciphertext_tag_then_16_byte_iv_and_thumbprint_of_the_certificate()
    {
        byte[] request = "{\"a\":1}"u8.ToArray();
        MosipEncryptedRequest encrypted = MosipRequestCrypto.Encrypt(request, Server.EncryptionCertificate);

        Assert.Equal(request.Length + 16 + 16, encrypted.EncryptedRequest.Length);
        Assert.Equal(64 + 16 + 16, encrypted.EncryptedHmac.Length);
        Assert.Equal(256, encrypted.EncryptedSessionKey.Length);
        Assert.Equal(SHA256.HashData(Server.EncryptionCertificate.RawData), encrypted.Thumbprint);
    }

    [Fact]
    public void HMAC_is_upper_case_hex_and_a_lower_case_one_does_not_match()
    {
        byte[] request = "{\"a\":1}"u8.ToArray();
        string upper = Convert.ToHexString(SHA256.HashData(request));
        using var good = new MosipDecryptedRequest((byte[])request.Clone(), Encoding.ASCII.GetBytes(upper));
        using var lower = new MosipDecryptedRequest((byte[])request.Clone(), Encoding.ASCII.GetBytes(upper.ToLowerInvariant()));
        using var other = new MosipDecryptedRequest("{\"a\":2}"u8.ToArray(), Encoding.ASCII.GetBytes(upper));

        Assert.True(MosipRequestCrypto.HmacMatches(good));
        Assert.False(MosipRequestCrypto.HmacMatches(lower));
        Assert.False(MosipRequestCrypto.HmacMatches(other));
    }

    [Fact]
    public async Task Failures_give_null_never_an_exception()
    {
        MosipEncryptedRequest encrypted = MosipRequestCrypto.Encrypt("{\"a\":1}"u8, Server.EncryptionCertificate);
        byte[] flipped = (byte[])encrypted.EncryptedRequest.Clone();
        flipped[0] ^= 1;

        Assert.Null(await Server.DecryptMosipRequestAsync(encrypted with { Thumbprint = new byte[32] }, CancellationToken.None));
        Assert.Null(await Server.DecryptMosipRequestAsync(encrypted with { EncryptedRequest = flipped }, CancellationToken.None));
        Assert.Null(await Server.DecryptMosipRequestAsync(encrypted with { EncryptedSessionKey = new byte[256] }, CancellationToken.None));
        Assert.Null(await Server.DecryptMosipRequestAsync(encrypted with { EncryptedSessionKey = [1, 2, 3] }, CancellationToken.None));
        Assert.Null(await Server.DecryptMosipRequestAsync(encrypted with { EncryptedHmac = new byte[8] }, CancellationToken.None));
        Assert.Null(await TestPki.Instance.PartnerA.Keys.DecryptMosipRequestAsync(encrypted, CancellationToken.None));
    }

    [Fact]
    public void Body_rewrite_puts_the_decrypted_object_in_request_and_drops_the_encryption_members()
    {
        byte[] body = """{"id":"x","requestTime":"t","transactionID":"T","request":{"otp":"1"},"extra":[1,2]}"""u8.ToArray();
        Assert.True(MosipRequestBody.TryParse(body, out MosipRequestBody? parsed));
        using (parsed)
        {
            byte[] encryptedBody = parsed.EncryptRequest(Server.EncryptionCertificate);
            Assert.True(MosipRequestBody.TryParse(encryptedBody, out MosipRequestBody? encrypted));
            using (encrypted)
            {
                Assert.True(encrypted.IsEncrypted);
                Assert.True(encrypted.TryGetEncrypted(out MosipEncryptedRequest? members));
                using MosipDecryptedRequest decrypted = Decrypt(members)!;
                Assert.True(encrypted.TryRewriteDecrypted(decrypted.Request, out byte[]? rewritten));
                Assert.Equal("""{"id":"x","requestTime":"t","transactionID":"T","request":{"otp":"1"},"extra":[1,2]}""", Encoding.UTF8.GetString(rewritten));
            }
        }
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"a":1""")]
    [InlineData("""{"a":1} {}""")]
    [InlineData("")]
    public void Bodies_that_are_not_one_object_with_unique_members_are_refused(string json)
    {
        Assert.False(MosipRequestBody.TryParse(Encoding.UTF8.GetBytes(json), out _));
    }

    [Fact]
    public void Partial_or_malformed_encryption_members_are_refused()
    {
        Assert.True(MosipRequestBody.TryParse("""{"request":"AAAA","requestSessionKey":"AAAA","thumbprint":"AAAA"}"""u8.ToArray(), out MosipRequestBody? partial));
        using (partial)
        {
            Assert.True(partial.IsEncrypted);
            Assert.False(partial.TryGetEncrypted(out _));
        }

        Assert.True(MosipRequestBody.TryParse("""{"request":"AA+/","requestSessionKey":"AAAA","requestHMAC":"AAAA","thumbprint":"AAAA"}"""u8.ToArray(), out MosipRequestBody? notUrlSafe));
        using (notUrlSafe)
        {
            Assert.False(notUrlSafe.TryGetEncrypted(out _));
        }
    }

    [Fact]
    public void Decrypted_request_that_is_not_JSON_cannot_be_rewritten()
    {
        Assert.True(MosipRequestBody.TryParse("""{"request":"x"}"""u8.ToArray(), out MosipRequestBody? parsed));
        using (parsed)
        {
            Assert.False(parsed.TryRewriteDecrypted("{not json"u8, out _));
        }
    }

    [Fact]
    public void Decrypted_request_is_wiped_on_dispose()
    {
        var decrypted = new MosipDecryptedRequest([1, 2, 3], [4, 5]);
        decrypted.Dispose();
        Assert.All(decrypted.Request, b => Assert.Equal(0, b));
        Assert.All(decrypted.Hmac, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Base64url_of_our_encryption_is_what_IDA_decodes()
    {
        MosipEncryptedRequest encrypted = MosipRequestCrypto.Encrypt("{}"u8, Server.EncryptionCertificate);
        Assert.True(Base64Url.TryDecodeUrlSafe(Base64Url.Encode(encrypted.EncryptedRequest), out byte[] back));
        Assert.Equal(encrypted.EncryptedRequest, back);
    }
}
