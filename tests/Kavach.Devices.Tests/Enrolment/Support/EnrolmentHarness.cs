using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Hooks;
using Kavach.Devices.Registry;
using Kavach.Devices.Transparency;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Testing.Devices;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Tests.Enrolment.Support;

/// <summary>The enrolment service over <see cref="DeviceAuthorityHarness"/>, a provider PKI, whitelisted devices and a recording audit.</summary>
public sealed class EnrolmentHarness : IAsyncDisposable
{
    public const string EnrollUrl = "https://dm.example/v1/enroll";
    public const string ConfirmUrl = "https://dm.example/v1/enroll/confirm";

    private EnrolmentHarness(DeviceAuthorityHarness authority, DeviceProviderPki pki, bool logDown)
    {
        Authority = authority;
        Pki = pki;
        Options = new EnrolmentOptions();
        var logStore = logDown ? new UnwritableTransparencyStore(authority.Store) : (ITransparencyLogStore)authority.Store;
        LogKey = new VaultSigningKey(TransparencyLog.SigningKeyApplicationId, "Kavach Device Transparency Log", 730, authority.Ring, authority.Store, authority.Vault, new SubjectDefaults(), authority.Time);
        Log = new TransparencyLog(logStore, LogKey, authority.Time, NullLogger<TransparencyLog>.Instance);
        Service = new EnrolmentService(
            authority.Store,
            authority.Store,
            authority.Store,
            authority.Authority,
            authority.Options,
            authority.ServerKeys,
            new ChainFtmChipTrust(authority.Time, pki.FtmRoot.Certificate),
            new FixedProviderOrganizations(new Dictionary<string, string> { [pki.ProviderId] = pki.Organization }),
            Audit,
            Options,
            authority.Time,
            NullLogger<EnrolmentService>.Instance,
            new TransparencyRecorder(Log, authority.Time),
            new HookPublisher(authority.Store, new HookOptions { PmsRegistrationUrl = new Uri("https://pms.example/partnermanager/devices") }, authority.Time, NullLogger<HookPublisher>.Instance));
    }

    public DeviceAuthorityHarness Authority { get; }

    public DeviceProviderPki Pki { get; }

    public EnrolmentOptions Options { get; }

    public RecordingDeviceAudit Audit { get; } = new();

    public EnrolmentService Service { get; }

    /// <summary>The transparency log every certificate the service hands out goes into first.</summary>
    public TransparencyLog Log { get; }

    /// <summary>The log's vault-held signing key.</summary>
    public VaultSigningKey LogKey { get; }

    public Kavach.Storage.IKavachStore Store => Authority.Store;

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => Authority.Time;

    /// <summary>A harness; with <paramref name="logDown"/> the transparency log cannot append (its database refuses).</summary>
    public static async Task<EnrolmentHarness> CreateAsync(Kavach.Keys.Vault.IKeyVault? vault = null, bool logDown = false)
    {
        var authority = await DeviceAuthorityHarness.CreateAsync(vault);
        return new EnrolmentHarness(authority, new DeviceProviderPki(time: authority.Time), logDown);
    }

    /// <summary>An L1 device whose chip certificate is whitelisted (unless <paramref name="whitelist"/> is false).</summary>
    public async Task<SimulatedDevice> L1DeviceAsync(string serialNo, PkiIdentity? chip = null, bool whitelist = true)
    {
        chip ??= Pki.IssueFtmChip(serialNo);
        var device = new SimulatedDevice(serialNo, chip, Pki.ProviderId, Pki.Organization, Time);
        if (whitelist)
        {
            await WhitelistAsync(serialNo, "L1", chip.CertificateSha256, null);
        }

        return device;
    }

    /// <summary>An L0 device whose key hash is whitelisted.</summary>
    public async Task<SimulatedDevice> L0DeviceAsync(string serialNo)
    {
        var device = new SimulatedDevice(serialNo, null, Pki.ProviderId, Pki.Organization, Time);
        await WhitelistAsync(serialNo, "L0", null, device.DeviceKeySpki);
        return device;
    }

    public async Task WhitelistAsync(string serialNo, string level, string? ftmSha256, string? l0Sha256) =>
        Assert.True(await Store.TryInsertDevicesAsync(
            [new DeviceRecord(serialNo, null, Pki.ProviderId, "MOSIP", "SLAP01", "Finger", "Slap", level, level == "L1" ? "Auth" : "Registration", "Staging", ftmSha256, l0Sha256, DeviceState.Whitelisted, 0, null, null, 0, false, "batch-1", Time.GetUtcNow(), 0)],
            CancellationToken.None));

    public async Task<(string Kid, X509Certificate2 Certificate)> ServerKeyAsync() => await Authority.ServerKeys.GetEncryptionKeyAsync(CancellationToken.None);

    /// <summary>A fresh challenge nonce, read from the signed challenge.</summary>
    public async Task<string> NonceAsync()
    {
        var challenge = await Service.IssueChallengeAsync(null, CancellationToken.None);
        var payload = Downlink(challenge);
        Assert.True(ProtocolJson.TryRead(payload.Body, DeviceProtocolJsonContext.Default.ChallengeBody, out var body));
        return body.Nonce;
    }

    /// <summary>Enrols <paramref name="device"/> (L1) and returns the enrolment result; the device keeps its certificate and mgmtId.</summary>
    public async Task<EnrollmentResultBody> EnrolAsync(SimulatedDevice device)
    {
        var message = await device.UplinkAsync(device.EnrollBody(await NonceAsync()), EnrollUrl, await ServerKeyAsync());
        var result = await Service.EnrolAsync(message, new EnrolmentRequestContext(EnrollUrl), CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.Message + " " + Audit.Events[^1].Detail);
        return Accept(device, result);
    }

    /// <summary>Reads an enrolment result into the device (certificate, mgmtId).</summary>
    public static EnrollmentResultBody Accept(SimulatedDevice device, Result<string> result)
    {
        var payload = Downlink(result.Value);
        Assert.True(ProtocolJson.TryRead(payload.Body, DeviceProtocolJsonContext.Default.EnrollmentResultBody, out var body));
        device.Certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(body.CertChain[0])).CopyWithPrivateKey(device.DeviceKey);
        device.MgmtId = body.MgmtId;
        return body;
    }

    /// <summary>Confirms with the device's new certificate over (simulated) mutual TLS.</summary>
    public async Task<Result<string>> ConfirmAsync(SimulatedDevice device, X509Certificate2? tlsCertificate = null, System.Security.Cryptography.RSA? signerKey = null, X509Certificate2? signerCertificate = null)
    {
        var message = await device.UplinkAsync(
            new EnrollConfirmBody(device.Certificate!.SerialNumber),
            ConfirmUrl,
            await ServerKeyAsync(),
            signerCertificate: signerCertificate ?? device.Certificate,
            signerKey: signerKey ?? device.DeviceKey);
        return await Service.ConfirmAsync(message, new EnrolmentRequestContext(ConfirmUrl, tlsCertificate ?? device.Certificate), CancellationToken.None);
    }

    /// <summary>The verified payload of a server response (signed by the server signing key).</summary>
    public static DownlinkPayload Downlink(string compact)
    {
        var parsed = StrictJws.Parse(compact, MessageKinds.ResponseType, 4);
        Assert.True(parsed.IsSuccess, parsed.Detail);
        Assert.True(StrictJws.VerifySignature(parsed.Value!));
        Assert.True(ProtocolJson.TryRead(parsed.Value!.Payload.Span, DeviceProtocolJsonContext.Default.DownlinkPayload, out var payload));
        return payload;
    }

    /// <summary>The registry row and every certificate row of a serial, comparable: what "no state change" compares.</summary>
    public async Task<string> SnapshotAsync(string serialNo)
    {
        var device = await Store.GetDeviceAsync(serialNo, CancellationToken.None);
        var certificates = await Store.ListForDeviceAsync(serialNo, CancellationToken.None);
        return device + " | " + string.Join(", ", certificates.Select(c => $"{c.CertSerial}:{c.Status}:{c.Reason}"));
    }

    public async ValueTask DisposeAsync()
    {
        Pki.Dispose();
        await Authority.DisposeAsync();
    }
}
