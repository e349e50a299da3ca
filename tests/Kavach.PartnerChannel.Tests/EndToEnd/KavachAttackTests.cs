using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Crypto;
using Kavach.PartnerChannel.Jose;
using Kavach.PartnerChannel.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.PartnerChannel.Tests.EndToEnd;

/// <summary>Spec §3 attacks on the kavach profile, at the service (401, audit, nothing forwarded) and at the SDK (exception).</summary>
public sealed class KavachAttackTests : IAsyncLifetime
{
    private ChannelTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ChannelTestServer.StartAsync(ChannelProfile.Kavach);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static StringContent Json(string json = "{\"a\":1}") => new(json, Encoding.UTF8, "application/json");

    private long Now => _server.Time.GetUtcNow().ToUnixTimeSeconds();

    private static RSA ServerEncryptionKey => TestPki.Instance.ServerKeys.EncryptionCertificate.GetRSAPublicKey()!;

    private static string ServerKid => Base64Url.Encode(SHA256.HashData(TestPki.Instance.ServerKeys.EncryptionCertificate.RawData));

    private async Task<CapturedResponse> SendRawAsync(HttpRequestMessage request)
    {
        using HttpClient client = ChannelClients.Raw(_server, TestPki.Instance.PartnerA.Tls);
        return await CapturedResponse.CaptureAsync(await client.SendAsync(request));
    }

    private Task<HttpRequestMessage> SignedAsync(string jwe, string contentType = ChannelJwe.MediaType, string path = "/api") =>
        HandSigned.KavachAsync(_server.Address, HttpMethod.Post, path, Encoding.ASCII.GetBytes(jwe), contentType, TestPki.Instance.PartnerA.Keys, Now);

    [Fact]
    public async Task Attack_signature_stripped_is_refused()
    {
        var wire = new InterceptingHandler((request, send) =>
        {
            request.Headers.Remove("Signature");
            request.Headers.Remove("Signature-Input");
            return send(request);
        });
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Kavach, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/api", Json()));

        Refusals.AssertRefused(wire.LastResponse, _server, "signature missing or malformed");
    }

    [Fact]
    public async Task Attack_signature_by_another_partners_key_is_refused()
    {
        TestPartner impostor = TestPki.Instance.PartnerA with { Keys = TestPki.Instance.PartnerB.Keys };
        InterceptingHandler wire = InterceptingHandler.Passive();
        using HttpClient client = ChannelClients.Sdk(_server, impostor, ChannelProfile.Kavach, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/api", Json()));

        Refusals.AssertRefused(wire.LastResponse, _server, "keyid is not the partner's");
    }

    [Fact]
    public async Task Attack_signature_by_another_partners_key_claiming_the_right_keyid_is_refused()
    {
        string jwe = ChannelJwe.Encrypt("{}"u8, "application/json", ServerEncryptionKey, ServerKid);
        string keyIdOfA = Base64Url.Encode(SHA256.HashData(TestPki.Instance.PartnerA.Keys.SigningCertificate.RawData));
        using HttpRequestMessage request = await HandSigned.KavachAsync(_server.Address, HttpMethod.Post, "/api", Encoding.ASCII.GetBytes(jwe), ChannelJwe.MediaType,
            TestPki.Instance.PartnerB.Keys, Now, keyId: keyIdOfA);

        Refusals.AssertRefused(await SendRawAsync(request), _server, "signature does not verify");
    }

    [Fact]
    public async Task Attack_signature_over_another_body_is_refused()
    {
        var wire = new InterceptingHandler((request, send) =>
        {
            byte[] other = Encoding.ASCII.GetBytes(ChannelJwe.Encrypt("{\"a\":2}"u8, "application/json", ServerEncryptionKey, ServerKid));
            request.Content = new ByteArrayContent(other);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", ChannelJwe.MediaType);
            request.Headers.Remove("Content-Digest");
            request.Headers.TryAddWithoutValidation("Content-Digest", global::Kavach.PartnerChannel.HttpSignatures.ContentDigest.Create(other));
            return send(request);
        });
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Kavach, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/api", Json()));

        Refusals.AssertRefused(wire.LastResponse, _server, "signature does not verify");
    }

    [Fact]
    public async Task Attack_body_changed_after_signing_is_refused()
    {
        var wire = new InterceptingHandler((request, send) =>
        {
            request.Content = new StringContent(ChannelJwe.Encrypt("{\"a\":2}"u8, "application/json", ServerEncryptionKey, ServerKid));
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(ChannelJwe.MediaType);
            return send(request);
        });
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Kavach, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/api", Json()));

        Refusals.AssertRefused(wire.LastResponse, _server, "content-digest does not match");
    }

    [Fact]
    public async Task Attack_request_sent_to_another_target_uri_is_refused()
    {
        var wire = new InterceptingHandler((request, send) =>
        {
            request.RequestUri = new Uri(request.RequestUri!, "/api/admin");
            return send(request);
        });
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Kavach, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/api/read", Json()));

        Refusals.AssertRefused(wire.LastResponse, _server, "signature does not verify");
    }

    [Fact]
    public async Task Attack_whole_request_replayed_is_refused_the_second_time()
    {
        var wire = new InterceptingHandler(async (request, send) =>
        {
            byte[] body = await request.Content!.ReadAsByteArrayAsync();
            var replay = new HttpRequestMessage(request.Method, request.RequestUri) { Content = new ByteArrayContent(body) };
            replay.Content.Headers.TryAddWithoutValidation("Content-Type", ChannelJwe.MediaType);
            foreach (var header in request.Headers)
            {
                replay.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            (await send(request)).Dispose();
            return await send(replay);
        });
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Kavach, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/api", Json()));

        Refusals.AssertRefused(wire.LastResponse, _server, "replayed", reached: 1);
    }

    [Theory]
    [InlineData(-61)]
    [InlineData(61)]
    public async Task Attack_request_outside_the_window_is_refused(int offsetSeconds)
    {
        var partnerClock = new FakeTimeProvider(_server.Time.GetUtcNow().AddSeconds(offsetSeconds));
        InterceptingHandler wire = InterceptingHandler.Passive();
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Kavach, time: partnerClock, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/api", Json()));

        Refusals.AssertRefused(wire.LastResponse, _server, "created outside the window");
    }

    [Fact]
    public async Task Request_at_the_edge_of_the_window_is_accepted()
    {
        var partnerClock = new FakeTimeProvider(_server.Time.GetUtcNow().AddSeconds(-59));
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Kavach, time: partnerClock);

        using HttpResponseMessage response = await client.PostAsync("/api", Json());

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Attack_tampered_ciphertext_is_refused_even_when_signed()
    {
        string[] parts = ChannelJwe.Encrypt("{\"a\":1}"u8, "application/json", ServerEncryptionKey, ServerKid).Split('.');
        Base64Url.TryDecodeUrlSafe(parts[3], out byte[] ciphertext);
        ciphertext[0] ^= 1;
        parts[3] = Base64Url.Encode(ciphertext);
        using HttpRequestMessage request = await SignedAsync(string.Join('.', parts));

        Refusals.AssertRefused(await SendRawAsync(request), _server, "does not decrypt");
    }

    public static TheoryData<string, string> RefusedJwe => new()
    {
        { "RSA1_5", """{"alg":"RSA1_5","enc":"A256GCM","kid":"KID","cty":"application/json"}""" },
        { "RSA-OAEP", """{"alg":"RSA-OAEP","enc":"A256GCM","kid":"KID","cty":"application/json"}""" },
        { "A128GCM", """{"alg":"RSA-OAEP-256","enc":"A128GCM","kid":"KID","cty":"application/json"}""" },
        { "zip", """{"alg":"RSA-OAEP-256","enc":"A256GCM","zip":"DEF","kid":"KID","cty":"application/json"}""" },
        { "crit", """{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"KID","crit":["x"],"x":1}""" },
        { "other kid", """{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"bm90LW91ci1rZXk","cty":"application/json"}""" },
        { "no kid", """{"alg":"RSA-OAEP-256","enc":"A256GCM","cty":"application/json"}""" },
    };

    [Theory]
    [MemberData(nameof(RefusedJwe))]
    public async Task Attack_jwe_alg_enc_zip_or_kid_not_allowed_is_refused(string name, string header)
    {
        RSAEncryptionPadding padding = name switch
        {
            "RSA1_5" => RSAEncryptionPadding.Pkcs1,
            "RSA-OAEP" => RSAEncryptionPadding.OaepSHA1,
            _ => RSAEncryptionPadding.OaepSHA256,
        };
        string jwe = HandMadeJwe.Create(header.Replace("KID", ServerKid, StringComparison.Ordinal), ServerEncryptionKey, padding, name == "A128GCM" ? 16 : 32, "{\"a\":1}"u8.ToArray());
        using HttpRequestMessage request = await SignedAsync(jwe);

        Refusals.AssertRefused(await SendRawAsync(request), _server, "does not decrypt");
    }

    [Fact]
    public async Task Attack_body_of_another_type_than_application_jose_is_refused()
    {
        using HttpRequestMessage request = await HandSigned.KavachAsync(_server.Address, HttpMethod.Post, "/api", "{\"plain\":true}"u8.ToArray(), "application/json", TestPki.Instance.PartnerA.Keys, Now);

        Refusals.AssertRefused(await SendRawAsync(request), _server, "not application/jose");
    }

    [Theory]
    [InlineData("hmac-sha256")]
    [InlineData("rsa-pss-sha512")]
    [InlineData("ecdsa-p256-sha256")]
    public async Task Attack_signature_alg_not_allowed_is_refused(string alg)
    {
        string jwe = ChannelJwe.Encrypt("{}"u8, "application/json", ServerEncryptionKey, ServerKid);
        using HttpRequestMessage request = await HandSigned.KavachAsync(_server.Address, HttpMethod.Post, "/api", Encoding.ASCII.GetBytes(jwe), ChannelJwe.MediaType,
            TestPki.Instance.PartnerA.Keys, Now, alg: alg);

        Refusals.AssertRefused(await SendRawAsync(request), _server, "not allowed: alg");
    }

    [Fact]
    public async Task Response_replayed_onto_another_request_makes_the_sdk_fail_closed()
    {
        CapturedResponse? first = null;
        var wire = new InterceptingHandler(async (request, send) =>
        {
            if (first is not null)
            {
                return first.ToMessage();
            }

            first = await CapturedResponse.CaptureAsync(await send(request));
            return first.ToMessage();
        });
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Kavach, between: wire);
        (await client.PostAsync("/api", Json())).Dispose();

        var refused = await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/api", Json()));

        Assert.Contains("does not verify against this request", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Reached);
    }

    [Fact]
    public async Task Response_signed_by_another_certificate_than_the_pinned_one_makes_the_sdk_fail_closed()
    {
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Kavach, pinned: TestPki.Instance.OtherServerKeys);

        var refused = await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/api", Json()));

        Assert.Contains("another certificate than the pinned one", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_signature_stripped_makes_the_sdk_fail_closed()
    {
        var wire = new InterceptingHandler(async (request, send) =>
        {
            HttpResponseMessage response = await send(request);
            response.Headers.Remove("Signature");
            return response;
        });
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Kavach, between: wire);

        var refused = await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/api", Json()));

        Assert.Contains("missing or malformed", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_body_swapped_makes_the_sdk_fail_closed()
    {
        var wire = new InterceptingHandler(async (request, send) =>
        {
            HttpResponseMessage response = await send(request);
            byte[] other = Encoding.ASCII.GetBytes(ChannelJwe.Encrypt("{\"forged\":true}"u8, "application/json",
                TestPki.Instance.PartnerA.Keys.EncryptionCertificate.GetRSAPublicKey()!,
                Base64Url.Encode(SHA256.HashData(TestPki.Instance.PartnerA.Keys.EncryptionCertificate.RawData))));
            var content = new ByteArrayContent(other);
            content.Headers.TryAddWithoutValidation("Content-Type", ChannelJwe.MediaType);
            response.Content = content;
            return response;
        });
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Kavach, between: wire);

        var refused = await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/api", Json()));

        Assert.Contains("content-digest", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Old_response_replayed_after_the_window_makes_the_sdk_fail_closed()
    {
        var partnerClock = new FakeTimeProvider(_server.Time.GetUtcNow());
        HttpRequestMessage? firstRequest = null;
        CapturedResponse? first = null;
        var wire = new InterceptingHandler(async (request, send) =>
        {
            firstRequest ??= request;
            first ??= await CapturedResponse.CaptureAsync(await send(request));
            return first.ToMessage();
        });
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Kavach, time: partnerClock, between: wire);
        (await client.PostAsync("/api", Json())).Dispose();
        partnerClock.Advance(TimeSpan.FromSeconds(61));

        var refused = await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/api", Json()));

        Assert.Contains("outside the window", refused.Message, StringComparison.Ordinal);
    }
}
