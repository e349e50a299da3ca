using System.Security.Cryptography;
using System.Text;
using Kavach.Devices.Commands;
using Kavach.Devices.Deregistration;
using Kavach.Devices.Hooks;
using Kavach.Devices.Messaging;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Tests.Enrolment.Support;
using Kavach.Devices.Tests.Protocol.Support;
using Kavach.Devices.Transparency;
using Kavach.Keys.Certificates;
using Kavach.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Tests.Deregistration;

/// <summary>
/// De-registration composed as a host composes it, over one SQLite store: the real device CA (certificates, CRL through
/// the vault), the enrolled-device gate, four-eyes approvals, the command queue, the transparency log and the hook
/// outbox. The simulated device is the protocol harness's (FTM chip, device key), its certificate issued by the CA.
/// </summary>
internal sealed class DeregistrationFixture : IAsyncDisposable
{
    public const string Base = ProtocolHarness.Base;
    public const string AckAudience = Base + "/v1/deregister/ack";

    private readonly DeviceAuthorityHarness _authority;

    private DeregistrationFixture(DeviceAuthorityHarness authority)
    {
        _authority = authority;
        Harness = new ProtocolHarness();
        Harness.Clock.SetUtcNow(authority.Time.GetUtcNow());
        Crl = new CrlPublisher(authority.Authority);
        Log = new TransparencyLog(Store, new VaultSigningKey(TransparencyLog.SigningKeyApplicationId, "Kavach Device Transparency Log", 730, authority.Ring, Store, authority.Vault, new SubjectDefaults(), Time), Time, NullLogger<TransparencyLog>.Instance);
        var hooks = new HookPublisher(Store, new HookOptions { PmsDeactivationUrl = new Uri("https://pms.example/deactivate"), IdaHotlistUrl = new Uri("https://ida.example/hotlist/block") }, Time, NullLogger<HookPublisher>.Instance);
        Commands = new DeviceCommandService(Store, Store, Audit, new DeviceCommandSignals(), [], Time, new DeviceCommandOptions(), NullLogger<DeviceCommandService>.Instance);
        Handler = new DeregistrationApprovalHandler(Store, Store, Store, Commands, Audit, Time, new DeregistrationOptions(), NullLogger.Instance);
        Approvals = new ApprovalService(Store, [Handler], Audit, Time);
        Gate = new DeviceMessageGate(Harness.Keys, authority.Authority, Store, Store, Store, Audit, Time);
        Service = new DeregistrationService(Store, Store, Store, Approvals, Crl, Log, hooks, Harness.Keys, Gate, Store, Audit, Time);
    }

    public ProtocolHarness Harness { get; }

    public IKavachStore Store => _authority.Store;

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => _authority.Time;

    public Repository.RecordingDeviceAudit Audit { get; } = new();

    public CrlPublisher Crl { get; }

    public TransparencyLog Log { get; }

    public DeviceCommandService Commands { get; }

    public ApprovalService Approvals { get; }

    public IApprovalHandler Handler { get; }

    public DeviceMessageGate Gate { get; }

    public DeregistrationService Service { get; }

    /// <summary>The device's identity: the harness key with a certificate from the real device CA (set by <see cref="EnrolAsync"/>).</summary>
    public TestIdentity Device { get; private set; } = null!;

    public string CertSerial { get; private set; } = null!;

    public static string SerialNo => ProtocolHarness.SerialNo;

    public static async Task<DeregistrationFixture> CreateAsync() => new(await DeviceAuthorityHarness.CreateAsync());

    /// <summary>An enrolled, confirmed device (L1 pinned to the harness FTM chip, or L0) with an Active certificate from the CA.</summary>
    public async Task<DeviceRecord> EnrolAsync(string certification = "L1")
    {
        var now = Time.GetUtcNow();
        var record = new DeviceRecord(
            SerialNo, Harness.MgmtId, "MOSIP.PROXY.SBI", "MOSIP", "SLAP01", "Finger", "Slap", certification, "Auth", "Production",
            certification == "L1" ? Convert.ToHexStringLower(SHA256.HashData(Harness.Ftm.Certificate.RawData)) : null, null,
            DeviceState.Active, 0, null, null, 0, false, "BATCH-1", now, 0);
        Assert.True(await Store.TryInsertDevicesAsync([record], default));
        var issued = await _authority.Authority.IssueAsync(SerialNo, "MOSIP", Harness.MgmtId, Harness.Device.Certificate.PublicKey, default);
        Assert.True(await Store.TryInsertCertificateAsync(
            new DeviceCertificateRecord(issued.CertSerial, SerialNo, issued.SpkiSha256, issued.Certificate.NotBefore.ToUniversalTime(), issued.Certificate.NotAfter.ToUniversalTime(), DeviceCertificateStatus.Pending, null, null, "enrol-1", null, issued.Certificate.RawData),
            default));
        Assert.True(await Store.TryActivateAsync(issued.CertSerial, null, null, now, default));
        Device = new TestIdentity(issued.Certificate, Harness.Device.Key);
        CertSerial = issued.CertSerial;
        return await DeviceAsync();
    }

    public async Task<DeviceRecord> DeviceAsync() => (await Store.GetDeviceAsync(SerialNo, default))!;

    public async Task<DeviceCertificateRecord> CertificateAsync() => (await Store.GetCertificateAsync(CertSerial, default))!;

    /// <summary>Moves both clocks (server and device) on.</summary>
    public void Advance(TimeSpan by)
    {
        Time.Advance(by);
        Harness.Clock.Advance(by);
    }

    /// <summary>The device's check-in through the gate, signed with its device key over TLS with its certificate.</summary>
    public async Task<MessageCheck<AdmittedMessage>> CheckinAsync(long seq, string? digitalId = null)
    {
        var sent = await Harness.SealAsync(ProtocolHarness.Checkin(), seq: seq, signer: Device, digitalId: digitalId);
        return await Gate.CheckAsync(Encoding.ASCII.GetBytes(sent.Compact), GateRoutes.Checkin($"{Base}/v1/{MessageKinds.Checkin}"), Device.Certificate, default);
    }

    /// <summary>A sealed <c>dereg-ack</c>: by default the L1 form, signed by the FTM chip, for the device's certificate, zeroised now.</summary>
    public async Task<string> AckAsync(long seq, TestIdentity? signer = null, string? certSerial = null, string? digitalId = null, DateTimeOffset? zeroisedAt = null)
    {
        var body = new DeregAckBody(SerialNo, certSerial ?? CertSerial, ProtocolTimestamp.ToText(zeroisedAt ?? Harness.Clock.GetUtcNow()), true);
        var sent = await Harness.SealAsync(body, seq: seq, audience: AckAudience, signer: signer ?? Harness.Ftm, digitalId: digitalId);
        return sent.Compact;
    }

    public Task<MessageCheck<DeregistrationAck>> SendAckAsync(string compact, TestIdentity? tls = null) =>
        Service.AcknowledgeAsync(Encoding.ASCII.GetBytes(compact), AckAudience, tls?.Certificate, default);

    /// <summary>Requests as admin-a and approves as admin-b.</summary>
    public async Task<DeregistrationRecord> DeregisterAsync(string reason = "returned to vendor")
    {
        var requested = await Service.RequestAsync(SerialNo, reason, "admin-a", default);
        Assert.True(requested.IsSuccess, requested.Error?.Message);
        var approved = await Approvals.ApproveAsync(requested.Value.ApprovalId!, "admin-b", default);
        Assert.True(approved.IsSuccess, approved.Error?.Message);
        return (await Service.GetAsync(requested.Value.Id, default)).Value;
    }

    /// <summary>The decoded entries of the transparency log, oldest first.</summary>
    public async Task<IReadOnlyList<TransparencyEntry>> LogEntriesAsync()
    {
        var leaves = await Store.ReadLeavesAsync(0, 100, default);
        return leaves.Select(l => TransparencyEntryCodec.TryDecode(l.Leaf, out var entry) ? entry : throw new InvalidOperationException("bad leaf")).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Log.Dispose();
        await _authority.DisposeAsync();
    }
}
