using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Kavach.DeviceAgent.Commands;
using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.Operations;
using Kavach.DeviceAgent.Session;
using Kavach.DeviceAgent.State;
using Kavach.DeviceAgent.Tests.Support;
using Kavach.DeviceAgent.Transport;
using Kavach.Hosting.Web.Tls;
using Kavach.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.DeviceAgent.Tests.Transport;

/// <summary>
/// The agent talks to the right server only (spec §4.2, §4.3, §5.3): another CA, another key than the pins, a replayed,
/// stale, tampered or other device's response — each is refused, alerted in the local log, and nothing in it is obeyed.
/// </summary>
[Collection(SharedAgentServerCollection.Name)]
public sealed class ImpostorServerTests(SharedAgentServer shared) : IAsyncLifetime
{
    // The server is shared; each test has two devices of its own, freshly enrolled.
    private static int _tests;
    private readonly AgentTestServer _server = shared.Server;
    private readonly string _serialA = $"SNIMPOSTORA{Interlocked.Increment(ref _tests)}";
    private TempDirectory _folder = null!;
    private string _deviceA = null!;
    private string _deviceB = null!;

    private string SerialB => "SNIMPOSTORB" + _serialA["SNIMPOSTORA".Length..];

    public async Task InitializeAsync()
    {
        _folder = new TempDirectory("kavach-agent-impostor");
        var ftmCa = _folder.File("ftm-ca");
        _deviceA = _folder.File("a");
        _deviceB = _folder.File("b");
        var entries = new[]
        {
            await TestDevices.ProvisionAsync(_deviceA, TestDevices.Finger(_serialA), ftmCa),
            await TestDevices.ProvisionAsync(_deviceB, TestDevices.Finger(SerialB), ftmCa),
        };
        await _server.WhitelistAsync(ftmCa, entries);
        foreach (var directory in new[] { _deviceA, _deviceB })
        {
            using var session = TestDevices.Open(directory, _server);
            await Enrolment.EnrolAsync(session, CancellationToken.None);
        }
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Attack_server_certificate_from_another_CA_is_refused_at_TLS_and_nothing_is_sent()
    {
        using var otherKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=Kavach Root", otherKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var otherRoot = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var seqBefore = (await _server.DeviceAsync(_serialA))["lastSeq"]?.ToJsonString();

        using var session = Relayed(_deviceA, new ServerBinding(_server.Url, otherRoot.ExportCertificatePem(), []), out _);
        var refused = await Assert.ThrowsAsync<AgentException>(() => Checkin.CheckInAsync(session, new CommandDispatcher(), CancellationToken.None));

        Assert.Equal(AgentErrors.ImpostorServer, refused.Code);
        Assert.Contains(session.Log.Read(0, 1000), e => e is { Level: "alert", Event: "server-refused-by-device" } && e.Detail.Contains("pinned root", StringComparison.Ordinal));
        Assert.Equal(seqBefore, (await _server.DeviceAsync(_serialA))["lastSeq"]?.ToJsonString());
    }

    [Fact]
    public async Task Attack_server_key_matching_neither_pin_is_refused_and_the_backup_pin_is_honoured()
    {
        var serverPin = PinnedServerValidation.PinOf(_server.Host.Services.GetRequiredService<TlsCertificateProvider>().Context!.TargetCertificate);
        var otherPin = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        using (var wrongPin = Relayed(_deviceA, new ServerBinding(_server.Url, _server.RootPem, [otherPin]), out _))
        {
            var refused = await Assert.ThrowsAsync<AgentException>(() => Checkin.CheckInAsync(wrongPin, new CommandDispatcher(), CancellationToken.None));
            Assert.Equal(AgentErrors.ImpostorServer, refused.Code);
            Assert.Contains(wrongPin.Log.Read(0, 1000), e => e.Level == "alert" && e.Detail.Contains("SPKI pin", StringComparison.Ordinal));
        }

        using var backup = Relayed(_deviceA, new ServerBinding(_server.Url, _server.RootPem, [otherPin, serverPin]), out _);
        await Checkin.CheckInAsync(backup, new CommandDispatcher(), CancellationToken.None);
    }

    [Fact]
    public async Task Attack_replayed_response_is_refused_and_its_commands_are_not_run()
    {
        string? captured = null;
        using var session = Relayed(_deviceA, Binding(), out var relay);
        await _server.CommandAsync(_serialA, "setPolicy", new JsonObject { ["checkinSeconds"] = 600, ["rotateAfterDays"] = 20, ["certDays"] = 30 });
        relay.Answer = (path, body) => path == "/v1/checkin" ? captured ??= body : body;
        await Checkin.CheckInAsync(session, new CommandDispatcher(), CancellationToken.None);
        Assert.Equal(600, session.State.Policy.CheckinSeconds);
        session.State.Policy = session.State.Policy with { CheckinSeconds = 900 };
        session.Save();

        // The same signed answer, sent again for the next check-in.
        var refused = await Assert.ThrowsAsync<AgentException>(() => Checkin.CheckInAsync(session, new CommandDispatcher(), CancellationToken.None));
        Assert.Equal(AgentErrors.ImpostorServer, refused.Code);
        Assert.Equal(900, session.State.Policy.CheckinSeconds);
        Assert.Contains(session.Log.Read(0, 1000), e => e.Level == "alert" && e.Detail.Contains("InResponseTo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Attack_response_meant_for_another_device_is_refused()
    {
        string? forB = null;
        using (var b = Relayed(_deviceB, Binding(), out var relayB))
        {
            relayB.Answer = (path, body) => path == "/v1/checkin" ? forB = body : body;
            await Checkin.CheckInAsync(b, new CommandDispatcher(), CancellationToken.None);
        }

        using var a = Relayed(_deviceA, Binding(), out var relayA);
        relayA.Answer = (path, body) => path == "/v1/checkin" ? forB! : body;
        var refused = await Assert.ThrowsAsync<AgentException>(() => Checkin.CheckInAsync(a, new CommandDispatcher(), CancellationToken.None));
        Assert.Equal(AgentErrors.ImpostorServer, refused.Code);
    }

    [Fact]
    public async Task Attack_stale_response_delivered_late_is_refused()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var session = Relayed(_deviceA, Binding(), out var relay, clock);
        await TimeSync.SyncAsync(session, CancellationToken.None);

        // Held back for ten minutes by the man in the middle: past its exp and the ±120 s window.
        relay.BeforeDelivery = () => clock.Advance(TimeSpan.FromMinutes(10));
        var refused = await Assert.ThrowsAsync<AgentException>(() => Checkin.CheckInAsync(session, new CommandDispatcher(), CancellationToken.None));
        Assert.Equal(AgentErrors.ImpostorServer, refused.Code);
        Assert.Contains(session.Log.Read(0, 1000), e => e.Level == "alert" && e.Detail.Contains("checkin response refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Attack_tampered_response_signature_is_refused()
    {
        using var session = Relayed(_deviceA, Binding(), out var relay);
        relay.Answer = (path, body) => path == "/v1/checkin" ? body[..^4] + (body[^4] == 'A' ? "B" : "A") + body[^3..] : body;
        var refused = await Assert.ThrowsAsync<AgentException>(() => Checkin.CheckInAsync(session, new CommandDispatcher(), CancellationToken.None));
        Assert.Equal(AgentErrors.ImpostorServer, refused.Code);
    }

    private ServerBinding Binding() => new(_server.Url, _server.RootPem, []);

    private static DeviceSession Relayed(string directory, ServerBinding binding, out Relay relay, TimeProvider? time = null)
    {
        var rules = new Relay();
        var device = new DeviceDirectory(directory);
        var link = new ServerLink(binding, inner => new RelayHandler(inner, rules));
        relay = rules;
        return DeviceSession.Open(device, KeyStores.Open(DeviceStateFile.Load(device).KeyStore, device), link, time ?? TimeProvider.System);
    }
}
