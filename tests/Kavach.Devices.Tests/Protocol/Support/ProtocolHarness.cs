using System.Text;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.DigitalIds;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Protocol.Support;

/// <summary>A server (reader, writer) and an L1 device (FTM chip, device certificate, writer, verifier) on one fake clock.</summary>
internal sealed class ProtocolHarness
{
    public const string SerialNo = "SN0000000001";
    public const string Base = "https://dm.example";

    private static readonly Lazy<TestPki> SharedPki = new(() => new TestPki(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero)));

    public ProtocolHarness()
    {
        Pki = SharedPki.Value;
        Clock = new FakeTimeProvider(Pki.Now);
        Keys = new TestServerKeys(Pki);
        Reader = new UplinkReader(Keys, Clock);
        Writer = new DownlinkWriter(Keys, Clock, new ClockDownlinkSequence(Clock));
        DeviceWriter = new UplinkWriter(Clock);
        Verifier = new DownlinkVerifier(Pki.ServerRoot.Certificate);
    }

    public TestPki Pki { get; }

    public FakeTimeProvider Clock { get; }

    public TestServerKeys Keys { get; }

    public UplinkReader Reader { get; }

    public DownlinkWriter Writer { get; }

    public UplinkWriter DeviceWriter { get; }

    public DownlinkVerifier Verifier { get; }

    /// <summary>The device's FTM chip (one for the whole run: RSA keys are the expensive part).</summary>
    public TestIdentity Ftm { get; } = FtmIdentity.Value;

    /// <summary>The device certificate from the device CA.</summary>
    public TestIdentity Device { get; } = DeviceIdentity.Value;

    public string MgmtId { get; } = ProtocolValues.NewId();

    private static readonly Lazy<TestIdentity> FtmIdentity = new(() => SharedPki.Value.FtmChip("A"));

    private static readonly Lazy<TestIdentity> DeviceIdentity = new(() => SharedPki.Value.Device(SerialNo));

    public static UplinkRoute Route(string kind) => UplinkRoute.For(kind, $"{Base}/v1/{kind}");

    public DigitalIdPayload DigitalIdFields(string serialNo = SerialNo, DateTimeOffset? at = null) =>
        new(serialNo, "MOSIP", "SLAP01", "Finger", "Slap", "MOSIP", "MOSIP.PROXY.SBI", DigitalIdTime.ToText(at ?? Clock.GetUtcNow()));

    public ValueTask<string> DigitalIdAsync(DigitalIdPayload? fields = null, TestIdentity? signer = null) =>
        SignedDigitalId.SignAsync(fields ?? DigitalIdFields(), (signer ?? Ftm).Certificate, (signer ?? Ftm).SignAsync, default);

    public static CheckinBody Checkin() =>
        new("1.2.3", 4, "0A1B", "2026-12-30T00:00:00.000Z", "Ready", new DeviceHealth(36.5, false, 0), new SbiInfo(["0.9.5"], "1.0"));

    /// <summary>A sealed message from the device, signed by the device key unless told otherwise.</summary>
    public async Task<SealedUplink> SealAsync(IUplinkBody body, long seq = 1, string? audience = null, TestIdentity? signer = null, string? digitalId = null, string? mgmtId = "", string? serialNo = null)
    {
        string kind = UplinkBodies.KindOf(body);
        var draft = new UplinkDraft(
            audience ?? Route(kind).Audience,
            serialNo ?? SerialNo,
            seq,
            digitalId ?? await DigitalIdAsync(),
            body,
            mgmtId == "" ? (kind == MessageKinds.Enroll ? null : MgmtId) : mgmtId);
        TestIdentity who = signer ?? Device;
        return await DeviceWriter.WriteAsync(draft, who.Certificate, who.SignAsync, Pki.ServerEncryption.Certificate, TestPki.EncryptionKid, default);
    }

    /// <summary>Encrypts any inner JWS text to the server, as an attacker holding the public encryption certificate can.</summary>
    public string Encrypt(string jws) => StrictJwe.Encrypt(Encoding.ASCII.GetBytes(jws), Pki.ServerEncryption.Certificate, TestPki.EncryptionKid);
}
