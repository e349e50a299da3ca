using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.PartnerChannel.Jose;
using Kavach.PartnerChannel.Mosip;
using Kavach.PartnerChannel.Tests.Support;

namespace Kavach.PartnerChannel.Tests.EndToEnd;

/// <summary>The middleware checks what it hands to the decryptor, so a lenient decryptor (say, a remote one) cannot widen the channel.</summary>
public sealed class LenientDecryptorTests
{
    [Fact]
    public async Task Attack_zip_jwe_is_refused_even_by_a_decryptor_that_would_open_it()
    {
        await using ChannelTestServer server = await ChannelTestServer.StartAsync(ChannelProfile.Kavach, decryptor: new LenientDecryptor(TestPki.Instance.ServerKeys));
        X509Certificate2 recipient = TestPki.Instance.ServerKeys.EncryptionCertificate;
        string kid = Base64Url.Encode(SHA256.HashData(recipient.RawData));
        using RSA key = recipient.GetRSAPublicKey()!;
        string jwe = JweCompact.Encrypt(new JoseHeader().Add("alg", "RSA-OAEP-256").Add("enc", "A256GCM").Add("zip", "DEF").Add("kid", kid), "{\"a\":1}"u8, key, deflate: true);
        using HttpRequestMessage request = await HandSigned.KavachAsync(server.Address, HttpMethod.Post, "/api", Encoding.ASCII.GetBytes(jwe), ChannelJwe.MediaType,
            TestPki.Instance.PartnerA.Keys, server.Time.GetUtcNow().ToUnixTimeSeconds());
        using HttpClient client = ChannelClients.Raw(server, TestPki.Instance.PartnerA.Tls);

        Refusals.AssertRefused(await CapturedResponse.CaptureAsync(await client.SendAsync(request)), server, "JWE header not allowed");
    }

    [Fact]
    public async Task Attack_mosip_request_for_another_thumbprint_is_refused_even_by_a_decryptor_that_ignores_it()
    {
        await using ChannelTestServer server = await ChannelTestServer.StartAsync(ChannelProfile.Mosip, decryptor: new LenientDecryptor(TestPki.Instance.ServerKeys));
        Assert.True(MosipRequestBody.TryParse(Encoding.UTF8.GetBytes(MosipProfileTests.Body(server)), out MosipRequestBody? parsed));
        string encrypted;
        using (parsed)
        {
            encrypted = Encoding.UTF8.GetString(parsed.EncryptRequest(TestPki.Instance.ServerKeys.EncryptionCertificate));
        }

        using JsonDocument document = JsonDocument.Parse(encrypted);
        string body = encrypted.Replace(document.RootElement.GetProperty("thumbprint").GetString()!, Base64Url.Encode(new byte[32]), StringComparison.Ordinal);
        using HttpRequestMessage request = await HandSigned.MosipAsync("/auth", Encoding.UTF8.GetBytes(body), TestPki.Instance.PartnerA.Keys);
        using HttpClient client = ChannelClients.Raw(server, TestPki.Instance.PartnerA.Tls);

        Refusals.AssertRefused(await CapturedResponse.CaptureAsync(await client.SendAsync(request)), server, "thumbprint is not our encryption certificate");
    }
}
