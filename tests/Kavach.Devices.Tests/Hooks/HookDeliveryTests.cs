using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Kavach.Crypto;
using Kavach.Devices.Hooks;
using Kavach.Devices.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Tests.Hooks;

/// <summary>Outbound hooks: signed, delivered from the durable outbox to a local stub that verifies the signature, retried, never lost or doubled.</summary>
public sealed class HookDeliveryTests : IAsyncLifetime
{
    private DeviceStoreHarness _harness = null!;
    private HookStubServer _stub = null!;
    private X509Certificate2 _root = null!;

    private static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync()
    {
        _harness = await DeviceStoreHarness.SqliteAsync();
        _root = await _harness.RootCertificateAsync();
        _stub = await HookStubServer.StartAsync(_root, _harness.Time);
    }

    public async Task DisposeAsync()
    {
        await _stub.DisposeAsync();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Deactivation_reaches_PMS_and_the_IDA_hotlist_signed_by_a_key_the_receiver_checks_against_ROOT()
    {
        var options = Options();
        var device = TestDevices.Active("SBI000000000001", _harness.Time.GetUtcNow());
        var ids = await Publisher(options).DeviceDeactivatedAsync(device, "0A1B2C3D", "keyCompromise", Ct);
        Assert.Equal(2, ids.Count);

        Assert.Equal(2, await Dispatcher(options).DeliverDueAsync(Ct));

        Assert.Empty(_stub.Refused);
        var accepted = _stub.Accepted.ToArray();
        Assert.Equal(["/ida/hotlist/block", "/pms/devices/deactivate"], accepted.Select(a => a.Path).Order());
        Assert.Equal(ids.Order(), accepted.Select(a => a.IdempotencyKey).Order());

        // The hotlist id is MOSIP IDA's: SHA-256 of serialNo+make+model, upper-case hex.
        var hotlist = JsonDocument.Parse(accepted.Single(a => a.Path.StartsWith("/ida", StringComparison.Ordinal)).Body).RootElement.GetProperty("request");
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("SBI000000000001MOSIPSLAP01"))), hotlist.GetProperty("id").GetString());
        Assert.Equal("DEVICE", hotlist.GetProperty("idType").GetString());

        foreach (var id in ids)
        {
            Assert.Equal(HookDeliveryState.Delivered, (await _harness.Store.GetDeliveryAsync(id, Ct))!.State);
        }

        // Nothing is sent twice.
        Assert.Equal(0, await Dispatcher(options).DeliverDueAsync(Ct));
        Assert.Equal(2, _stub.Requests);
    }

    [Fact]
    public async Task A_receiver_that_is_down_gets_the_delivery_later_from_the_outbox_even_after_a_restart()
    {
        var options = Options(inlineRetries: 1);
        var id = Assert.Single(await Publisher(options, hotlistOnly: true).DeviceDeactivatedAsync(TestDevices.Active("SBI000000000002", _harness.Time.GetUtcNow()), null, "cessationOfOperation", Ct));
        _stub.Answer(503, 503);

        Assert.Equal(0, await Dispatcher(options).DeliverDueAsync(Ct));
        var pending = (await _harness.Store.GetDeliveryAsync(id, Ct))!;
        Assert.Equal((HookDeliveryState.Pending, 1, 503), (pending.State, pending.Attempts, pending.LastStatus));
        Assert.Equal(2, _stub.Requests); // one attempt: the first try and one quick retry

        // Not due before its back-off ends.
        Assert.Equal(0, await Dispatcher(options).DeliverDueAsync(Ct));
        Assert.Equal(2, _stub.Requests);

        // "Restart": another process on the same database finds the row and delivers it once its time comes.
        await using var restarted = await _harness.ReplicaAsync();
        _harness.Time.Advance(options.FirstBackoff);
        var dispatcher = new HookDispatcher(restarted.Store, new HookSigner(restarted.SigningKey(HookSigner.SigningKeyApplicationId, "Kavach Device Hooks")), new HttpClient(), options, _harness.Time, null, NullLogger<HookDispatcher>.Instance);
        Assert.Equal(1, await dispatcher.DeliverDueAsync(Ct));
        Assert.Equal(HookDeliveryState.Delivered, (await _harness.Store.GetDeliveryAsync(id, Ct))!.State);
        Assert.Equal(id, Assert.Single(_stub.Accepted).IdempotencyKey);
    }

    [Fact]
    public async Task A_permanent_refusal_fails_at_once_and_a_transient_one_fails_after_the_last_attempt()
    {
        var options = Options(inlineRetries: 0);
        options.MaxAttempts = 2;
        var publisher = Publisher(options, hotlistOnly: true);
        var refused = Assert.Single(await publisher.DeviceDeactivatedAsync(TestDevices.Active("SBI000000000003", _harness.Time.GetUtcNow()), null, "cessationOfOperation", Ct));
        _stub.Answer(400);
        await Dispatcher(options).DeliverDueAsync(Ct);
        Assert.Equal((HookDeliveryState.Failed, 400), ((await _harness.Store.GetDeliveryAsync(refused, Ct))!.State, (await _harness.Store.GetDeliveryAsync(refused, Ct))!.LastStatus));

        var flaky = Assert.Single(await publisher.DeviceDeactivatedAsync(TestDevices.Active("SBI000000000004", _harness.Time.GetUtcNow()), null, "cessationOfOperation", Ct));
        _stub.Answer(500, 500);
        await Dispatcher(options).DeliverDueAsync(Ct);
        Assert.Equal(HookDeliveryState.Pending, (await _harness.Store.GetDeliveryAsync(flaky, Ct))!.State);
        _harness.Time.Advance(options.FirstBackoff);
        await Dispatcher(options).DeliverDueAsync(Ct);
        var failed = (await _harness.Store.GetDeliveryAsync(flaky, Ct))!;
        Assert.Equal((HookDeliveryState.Failed, 2), (failed.State, failed.Attempts));
        Assert.Empty(_stub.Accepted);
    }

    [Fact]
    public async Task Two_replicas_sending_at_once_deliver_each_hook_exactly_once()
    {
        var options = Options();
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.AddRange(await Publisher(options).DeviceDeactivatedAsync(TestDevices.Active($"SBI00000000010{i}", _harness.Time.GetUtcNow()), null, "cessationOfOperation", Ct));
        }

        await using var replica = await _harness.ReplicaAsync();
        var other = new HookDispatcher(replica.Store, new HookSigner(replica.SigningKey(HookSigner.SigningKeyApplicationId, "Kavach Device Hooks")), new HttpClient(), options, _harness.Time, null, NullLogger<HookDispatcher>.Instance);
        var counts = await Task.WhenAll(Task.Run(() => Dispatcher(options).DeliverDueAsync(Ct)), Task.Run(() => other.DeliverDueAsync(Ct)));

        Assert.Equal(12, counts.Sum());
        Assert.Equal(ids.Order(), _stub.Accepted.Select(a => a.IdempotencyKey).Order());
    }

    [Fact]
    public async Task Attack_forged_hook_requests_are_refused_by_the_receiver_and_nothing_is_accepted()
    {
        using var http = new HttpClient();
        var body = "{\"id\":\"mosip.hotlist.block\",\"request\":{\"id\":\"X\",\"idType\":\"DEVICE\"}}"u8.ToArray();

        // A self-made certificate and key: a valid JWS, but not chained to the pinned ROOT.
        using var rogueKey = RSA.Create(2048);
        var rogueRequest = new CertificateRequest("CN=Kavach Device Hooks", rogueKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var rogue = rogueRequest.CreateSelfSigned(_harness.Time.GetUtcNow().AddDays(-1), _harness.Time.GetUtcNow().AddDays(30));
        var header = Base64Url.Encode(Encoding.UTF8.GetBytes($"{{\"alg\":\"RS256\",\"typ\":\"{HookSigner.Type}\",\"x5c\":[\"{Convert.ToBase64String(rogue.RawData)}\"]}}"));
        var forged = header + ".." + Base64Url.Encode(rogueKey.SignData(Encoding.ASCII.GetBytes(header + "." + Base64Url.Encode(body)), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(401, (int)(await Post(http, body, forged)).StatusCode);

        // Our real signature moved onto another body (a different device to block).
        var signer = new HookSigner(_harness.SigningKey(HookSigner.SigningKeyApplicationId, "Kavach Device Hooks"));
        var genuine = await signer.SignAsync(body, Ct);
        Assert.Equal(200, (int)(await Post(http, body, genuine)).StatusCode);
        var tampered = "{\"id\":\"mosip.hotlist.block\",\"request\":{\"id\":\"Y\",\"idType\":\"DEVICE\"}}"u8.ToArray();
        Assert.Equal(401, (int)(await Post(http, tampered, genuine)).StatusCode);

        // alg none / no signature at all.
        var none = Base64Url.Encode("{\"alg\":\"none\"}"u8) + "..";
        Assert.Equal(401, (int)(await Post(http, body, none)).StatusCode);
        Assert.Equal(401, (int)(await Post(http, body, null)).StatusCode);

        Assert.Single(_stub.Accepted);
        Assert.Equal(body, _stub.Accepted.Single().Body);
        Assert.Equal(4, _stub.Refused.Count);
    }

    private async Task<HttpResponseMessage> Post(HttpClient http, byte[] body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _stub.Url("/ida/hotlist/block")) { Content = new ByteArrayContent(body) };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(HookSigner.Header, signature);
        }

        return await http.SendAsync(request);
    }

    private HookOptions Options(int inlineRetries = 2) => new()
    {
        PmsDeactivationUrl = _stub.Url("/pms/devices/deactivate"),
        PmsRegistrationUrl = _stub.Url("/pms/devices/register"),
        IdaHotlistUrl = _stub.Url("/ida/hotlist/block"),
        InlineRetries = inlineRetries,
        InlineRetryDelay = TimeSpan.Zero,
    };

    private HookPublisher Publisher(HookOptions options, bool hotlistOnly = false)
    {
        if (hotlistOnly)
        {
            options = new HookOptions { IdaHotlistUrl = options.IdaHotlistUrl, InlineRetries = options.InlineRetries, InlineRetryDelay = options.InlineRetryDelay };
        }

        return new HookPublisher(_harness.Store, options, _harness.Time, NullLogger<HookPublisher>.Instance);
    }

    private HookDispatcher Dispatcher(HookOptions options) =>
        new(_harness.Store, new HookSigner(_harness.SigningKey(HookSigner.SigningKeyApplicationId, "Kavach Device Hooks")), new HttpClient(), options, _harness.Time, null, NullLogger<HookDispatcher>.Instance);
}
