using System.Text;
using System.Text.Json;
using Kavach.Crypto;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Mosip;
using Kavach.PartnerChannel.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.PartnerChannel.Tests.EndToEnd;

/// <summary>Spec §3 attacks on the mosip profile, at the service (401, audit, nothing forwarded) and at the SDK (exception).</summary>
public sealed class MosipAttackTests : IAsyncLifetime
{
    private ChannelTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ChannelTestServer.StartAsync(ChannelProfile.Mosip);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private StringContent Json(string transactionId = "TX-1") => new(MosipProfileTests.Body(_server, transactionId), Encoding.UTF8, "application/json");

    private async Task<CapturedResponse> SendRawAsync(HttpRequestMessage request)
    {
        using HttpClient client = ChannelClients.Raw(_server, TestPki.Instance.PartnerA.Tls);
        return await CapturedResponse.CaptureAsync(await client.SendAsync(request));
    }

    [Fact]
    public async Task Attack_signature_stripped_is_refused()
    {
        var wire = new InterceptingHandler((request, send) =>
        {
            request.Headers.Remove("signature");
            return send(request);
        });
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Mosip, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Json()));

        Refusals.AssertRefused(wire.LastResponse, _server, "signature missing");
    }

    [Fact]
    public async Task Attack_signature_by_another_partners_key_is_refused()
    {
        TestPartner impostor = TestPki.Instance.PartnerA with { Keys = TestPki.Instance.PartnerB.Keys };
        InterceptingHandler wire = InterceptingHandler.Passive();
        using HttpClient client = ChannelClients.Sdk(_server, impostor, ChannelProfile.Mosip, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Json()));

        Refusals.AssertRefused(wire.LastResponse, _server, "not the registered one");
    }

    [Fact]
    public async Task Attack_signature_over_another_body_is_refused()
    {
        byte[] signed = Encoding.UTF8.GetBytes(MosipProfileTests.Body(_server, "TX-signed"));
        byte[] sent = Encoding.UTF8.GetBytes(MosipProfileTests.Body(_server, "TX-sent"));
        using HttpRequestMessage request = await HandSigned.MosipAsync("/auth", signed, TestPki.Instance.PartnerA.Keys);
        request.Content = new ByteArrayContent(sent);

        Refusals.AssertRefused(await SendRawAsync(request), _server, "does not verify");
    }

    [Fact]
    public async Task Attack_body_changed_after_signing_is_refused()
    {
        var wire = new InterceptingHandler(async (request, send) =>
        {
            string body = await request.Content!.ReadAsStringAsync();
            request.Content = new StringContent(body.Replace("111111", "999999", StringComparison.Ordinal), Encoding.UTF8, "application/json");
            return await send(request);
        });
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Mosip, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Json()));

        Refusals.AssertRefused(wire.LastResponse, _server, "does not verify");
    }

    [Fact]
    public async Task Attack_whole_request_replayed_is_refused_the_second_time()
    {
        var wire = new InterceptingHandler(async (request, send) =>
        {
            byte[] body = await request.Content!.ReadAsByteArrayAsync();
            string signature = request.Headers.GetValues("signature").Single();
            (await send(request)).Dispose();
            var replay = new HttpRequestMessage(HttpMethod.Post, request.RequestUri) { Content = new ByteArrayContent(body) };
            replay.Headers.TryAddWithoutValidation("signature", signature);
            return await send(replay);
        });
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Mosip, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Json()));

        Refusals.AssertRefused(wire.LastResponse, _server, "replayed", reached: 1);
    }

    [Theory]
    [InlineData(-61)]
    [InlineData(61)]
    public async Task Attack_request_outside_the_window_is_refused(int offsetSeconds)
    {
        var partnerClock = new FakeTimeProvider(_server.Time.GetUtcNow().AddSeconds(offsetSeconds));
        string body = MosipProfileTests.Body(_server).Replace(
            _server.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            MosipTime.Format(partnerClock.GetUtcNow()), StringComparison.Ordinal);
        InterceptingHandler wire = InterceptingHandler.Passive();
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Mosip, time: partnerClock, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", new StringContent(body, Encoding.UTF8, "application/json")));

        Refusals.AssertRefused(wire.LastResponse, _server, "outside the window");
    }

    [Fact]
    public async Task Attack_tampered_ciphertext_is_refused_even_when_signed()
    {
        using MosipRequestBody parsed = ParseBody(MosipProfileTests.Body(_server));
        byte[] encrypted = parsed.EncryptRequest(TestPki.Instance.ServerKeys.EncryptionCertificate);
        string text = Encoding.UTF8.GetString(encrypted);
        using JsonDocument document = JsonDocument.Parse(text);
        string ciphertext = document.RootElement.GetProperty("request").GetString()!;
        Base64Url.TryDecodeUrlSafe(ciphertext, out byte[] bytes);
        bytes[0] ^= 1;
        byte[] tampered = Encoding.UTF8.GetBytes(text.Replace(ciphertext, Base64Url.Encode(bytes), StringComparison.Ordinal));
        using HttpRequestMessage request = await HandSigned.MosipAsync("/auth", tampered, TestPki.Instance.PartnerA.Keys);

        Refusals.AssertRefused(await SendRawAsync(request), _server, "does not decrypt");
    }

    [Fact]
    public async Task Attack_request_swapped_under_another_session_key_is_refused()
    {
        using MosipRequestBody parsed = ParseBody(MosipProfileTests.Body(_server));
        byte[] first = parsed.EncryptRequest(TestPki.Instance.ServerKeys.EncryptionCertificate);
        using JsonDocument document = JsonDocument.Parse(first);
        MosipEncryptedRequest other = MosipRequestCrypto.Encrypt("{\"other\":1}"u8, TestPki.Instance.ServerKeys.EncryptionCertificate);

        // Another request with its own session key, but the first request's requestHMAC: the HMAC no longer opens.
        string body = Encoding.UTF8.GetString(first)
            .Replace(document.RootElement.GetProperty("requestSessionKey").GetString()!, Base64Url.Encode(other.EncryptedSessionKey), StringComparison.Ordinal)
            .Replace(document.RootElement.GetProperty("request").GetString()!, Base64Url.Encode(other.EncryptedRequest), StringComparison.Ordinal);
        using HttpRequestMessage request = await HandSigned.MosipAsync("/auth", Encoding.UTF8.GetBytes(body), TestPki.Instance.PartnerA.Keys);

        Refusals.AssertRefused(await SendRawAsync(request), _server, "does not decrypt");
    }

    [Theory]
    [InlineData("""{"alg":"none"}""", "alg not allowed")]
    [InlineData("""{"alg":"HS256"}""", "alg not allowed")]
    [InlineData("""{"alg":"RS512"}""", "alg not allowed")]
    [InlineData("""{"alg":"PS256"}""", "alg not allowed")]
    public async Task Attack_signature_alg_not_allowed_is_refused(string header, string reason)
    {
        byte[] body = Encoding.UTF8.GetBytes(MosipProfileTests.Body(_server));
        using HttpRequestMessage request = await HandSigned.MosipAsync("/auth", body, TestPki.Instance.PartnerA.Keys, HandSigned.EncodedHeader(header));

        Refusals.AssertRefused(await SendRawAsync(request), _server, reason);
    }

    [Theory]
    [InlineData("crit")]
    [InlineData("b64")]
    [InlineData("jku")]
    [InlineData("jwk")]
    [InlineData("x5u")]
    public async Task Attack_signature_header_members_that_move_the_key_or_payload_are_refused(string member)
    {
        string x5c = Convert.ToBase64String(TestPki.Instance.PartnerA.Keys.SigningCertificate.RawData);
        string extra = member switch
        {
            "crit" => "\"crit\":[\"exp\"],\"exp\":1",
            "b64" => "\"b64\":true,\"crit\":[\"b64\"]",
            "jwk" => "\"jwk\":{\"kty\":\"RSA\"}",
            _ => $"\"{member}\":\"https://attacker.example/keys\"",
        };
        string header = $$"""{"alg":"RS256","x5c":["{{x5c}}"],{{extra}}}""";
        byte[] body = Encoding.UTF8.GetBytes(MosipProfileTests.Body(_server));
        using HttpRequestMessage request = await HandSigned.MosipAsync("/auth", body, TestPki.Instance.PartnerA.Keys, HandSigned.EncodedHeader(header));

        Refusals.AssertRefused(await SendRawAsync(request), _server, "not allowed");
    }

    [Fact]
    public async Task Response_signature_stripped_makes_the_sdk_fail_closed()
    {
        var wire = new InterceptingHandler(async (request, send) =>
        {
            HttpResponseMessage response = await send(request);
            response.Headers.Remove("response-signature");
            return response;
        });
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Mosip, between: wire);

        var refused = await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Json()));

        Assert.Contains("signature missing", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_signed_by_another_certificate_than_the_pinned_one_makes_the_sdk_fail_closed()
    {
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Mosip, pinned: TestPki.Instance.OtherServerKeys);

        var refused = await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Json()));

        Assert.Contains("not the registered one", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_swapped_from_another_transaction_makes_the_sdk_fail_closed()
    {
        CapturedResponse? first = null;
        var wire = new InterceptingHandler(async (request, send) =>
        {
            if (first is not null)
            {
                return first.ToMessage();
            }

            HttpResponseMessage response = await send(request);
            first = await CapturedResponse.CaptureAsync(response);
            return first.ToMessage();
        });
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Mosip, between: wire);
        (await client.PostAsync("/auth", Json("TX-1"))).Dispose();

        var refused = await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Json("TX-2")));

        Assert.Contains("transactionID", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Reached);
    }

    [Fact]
    public async Task Old_response_replayed_after_the_window_makes_the_sdk_fail_closed()
    {
        var partnerClock = new FakeTimeProvider(_server.Time.GetUtcNow());
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
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Mosip, time: partnerClock, between: wire);
        (await client.PostAsync("/auth", Json("TX-1"))).Dispose();
        partnerClock.Advance(TimeSpan.FromSeconds(61));

        var refused = await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Json("TX-1")));

        Assert.Contains("outside the window", refused.Message, StringComparison.Ordinal);
    }

    private static MosipRequestBody ParseBody(string json)
    {
        Assert.True(MosipRequestBody.TryParse(Encoding.UTF8.GetBytes(json), out MosipRequestBody? parsed));
        return parsed;
    }
}
