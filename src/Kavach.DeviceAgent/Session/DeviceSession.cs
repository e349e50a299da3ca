using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.Logging;
using Kavach.DeviceAgent.State;
using Kavach.DeviceAgent.Time;
using Kavach.DeviceAgent.Transport;
using Kavach.Devices.Authority;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.DigitalIds;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.DeviceAgent.Session;

/// <summary>
/// One device talking to its server: its state directory, key store, pinned link, trusted clock and local log. Every
/// message goes through <see cref="ExchangeAsync"/>: the next <c>seq</c> is saved before sending, the response is
/// checked in the order of spec §4.3 (<see cref="DownlinkVerifier"/>), and whatever fails is written to the local log
/// and thrown as an <see cref="AgentException"/>, never acted on.
/// </summary>
public sealed class DeviceSession : IDisposable
{
    private const int MaxResponseBytes = 256 * 1024;
    private readonly DownlinkVerifier _verifier;
    private readonly UplinkWriter _writer;
    private readonly SemaphoreSlim _exchange = new(1, 1);
    private (string Kid, X509Certificate2 Certificate)? _encryption;
    private MessageSigner? _device;
    private MessageSigner? _ftm;

    private DeviceSession(DeviceDirectory directory, DeviceState state, IDeviceKeyStore keys, ServerLink link, TrustedClock clock, AgentLog log)
    {
        Directory = directory;
        State = state;
        Keys = keys;
        Link = link;
        Clock = clock;
        Log = log;
        _verifier = new DownlinkVerifier(link.Root);
        _writer = new UplinkWriter(clock);
    }

    /// <summary>The state directory.</summary>
    public DeviceDirectory Directory { get; }

    /// <summary>The device state (saved by <see cref="Save"/>).</summary>
    public DeviceState State { get; }

    /// <summary>Where the device's keys live.</summary>
    public IDeviceKeyStore Keys { get; }

    /// <summary>The pinned link to the server.</summary>
    public ServerLink Link { get; }

    /// <summary>The trusted clock.</summary>
    public TrustedClock Clock { get; }

    /// <summary>The local log.</summary>
    public AgentLog Log { get; }

    /// <summary>The serial.</summary>
    public string SerialNo => State.Identity.SerialNo;

    /// <summary>Opens the device in <paramref name="directory"/> bound to <paramref name="binding"/>.</summary>
    public static DeviceSession Open(DeviceDirectory directory, IDeviceKeyStore keys, ServerBinding binding, TimeProvider monotonic) =>
        Open(directory, keys, new ServerLink(binding), monotonic);

    /// <summary>Opens the device over an existing <paramref name="link"/> (tests relay it).</summary>
    internal static DeviceSession Open(DeviceDirectory directory, IDeviceKeyStore keys, ServerLink link, TimeProvider monotonic)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var state = DeviceStateFile.Load(directory);
        DateTimeOffset? highWater = ProtocolTimestamp.TryParse(state.TimeHighWater, out var mark) ? mark : null;
        var clock = new TrustedClock(monotonic, highWater);
        return new DeviceSession(directory, state, keys, link, clock, new AgentLog(directory, new LogClock(clock, monotonic)));
    }

    /// <summary>Saves the state (with the clock's high-water mark).</summary>
    public void Save()
    {
        if (Clock.AdvanceHighWater() is { } mark)
        {
            State.TimeHighWater = ProtocolTimestamp.ToText(mark);
        }

        DeviceStateFile.Save(Directory, State);
    }

    /// <summary>The device certificate in use with its store-held key (TLS client certificate and message signer).</summary>
    public async Task<MessageSigner> DeviceSignerAsync(CancellationToken cancellationToken)
    {
        if (_device is not null)
        {
            return _device;
        }

        if (State.CertificatePem is null || State.KeyGeneration < 1)
        {
            throw new AgentException(AgentErrors.WrongPhase, $"device {SerialNo} has no certificate: enrol it first");
        }

        _device = await SignerAsync(State.CertificatePem, DeviceKeyLabels.Device(SerialNo, State.KeyGeneration), cancellationToken);
        return _device;
    }

    /// <summary>Forgets the cached device signer (after a rotation or de-registration).</summary>
    public void ResetDeviceSigner()
    {
        _device?.Dispose();
        _device = null;
    }

    /// <summary>Opens a signer for <paramref name="certificatePem"/> with the key under <paramref name="label"/>.</summary>
    public async Task<MessageSigner> SignerAsync(string certificatePem, string label, CancellationToken cancellationToken)
    {
        var key = await Keys.OpenAsync(label, cancellationToken)
            ?? throw new AgentException(AgentErrors.KeyStore, $"the key {label} is missing from the {Keys.Kind} key store");
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        return new MessageSigner(certificate.CopyWithPrivateKey(key), key);
    }

    /// <summary>The FTM chip (L1) that signs the digital id, enrolment and the zeroisation proof.</summary>
    public async Task<MessageSigner> FtmSignerAsync(CancellationToken cancellationToken)
    {
        if (_ftm is not null)
        {
            return _ftm;
        }

        if (!State.Identity.IsL1 || State.FtmCertificatePem is null)
        {
            throw new AgentException(AgentErrors.WrongPhase, $"device {SerialNo} has no FTM chip (L0)");
        }

        _ftm = await SignerAsync(State.FtmCertificatePem, DeviceKeyLabels.Ftm(SerialNo), cancellationToken);
        return _ftm;
    }

    /// <summary>
    /// The signed digital id (spec §1.4) at the trusted time: signed by the FTM chip (L1), or by <paramref name="l0Signer"/>
    /// (the device key) on L0.
    /// </summary>
    public async Task<string> DigitalIdAsync(MessageSigner? l0Signer, CancellationToken cancellationToken)
    {
        var identity = State.Identity;
        var payload = new DigitalIdPayload(identity.SerialNo, identity.Make, identity.Model, identity.Type, identity.DeviceSubType, identity.DeviceProvider, identity.DeviceProviderId, DigitalIdTime.ToText(Clock.GetUtcNow()));
        var signer = identity.IsL1 ? await FtmSignerAsync(cancellationToken) : l0Signer ?? await DeviceSignerAsync(cancellationToken);
        return await SignedDigitalId.SignAsync(payload, signer.Certificate, signer.SignAsync, cancellationToken);
    }

    /// <summary>
    /// Fetches and checks the enrolment challenge (spec §4.5 step 1); with no trusted time yet, its signed server time
    /// becomes the provisional clock (the signature and the nonce are what count).
    /// </summary>
    public async Task<ChallengeBody> ChallengeAsync(CancellationToken cancellationToken, bool takeTime = false)
    {
        var sentAt = Clock.Mark();
        var compact = await GetTextAsync(Link.Anonymous(), "/v1/enroll/challenge", cancellationToken);
        var checkedChallenge = _verifier.VerifyChallenge(compact, Clock.HasTrustedTime ? Clock.GetUtcNow() : null);
        if (!checkedChallenge.IsSuccess)
        {
            throw Impostor($"challenge refused: {checkedChallenge.Refusal}");
        }

        var challenge = (ChallengeBody)checkedChallenge.Value!.Body;
        if (!Clock.HasTrustedTime || takeTime)
        {
            string? refusal = null;
            if (!ProtocolTimestamp.TryParse(challenge.ServerTime, out var serverTime) || !Clock.TryAccept(serverTime, 0, sentAt, takeTime ? TrustedClock.MaxRoundTrip : TrustedClock.MaxProvisionalRoundTrip, out refusal))
            {
                Log.Alert("time-refused", refusal ?? "challenge time unreadable");
                throw new AgentException(AgentErrors.Time, "the server's challenge time was refused");
            }
        }

        return challenge;
    }

    /// <summary>
    /// Signs, encrypts and sends <paramref name="body"/> to <paramref name="path"/>, then checks the answer. Enrolment
    /// answers carry server <c>seq</c> 0 and are not held to the sequence.
    /// </summary>
    public async Task<VerifiedDownlink> ExchangeAsync(
        string path,
        IUplinkBody body,
        MessageSigner signer,
        HttpClient client,
        string kind,
        string digitalId,
        CancellationToken cancellationToken,
        string? timeNonce = null)
    {
        await _exchange.WaitAsync(cancellationToken);
        try
        {
            var (kid, encryption) = await EncryptionCertificateAsync(cancellationToken);
            State.Seq++;
            Save();
            var sealedUplink = await _writer.WriteAsync(
                new UplinkDraft(Link.Audience(path), SerialNo, State.Seq, digitalId, body, State.MgmtId),
                signer.Certificate,
                signer.SignAsync,
                encryption,
                kid,
                cancellationToken);
            var answer = await PostAsync(client, path, sealedUplink.Compact, cancellationToken);
            var enrolment = kind is MessageKinds.Enroll or MessageKinds.EnrollConfirm or MessageKinds.Reenroll;
            var verified = _verifier.Verify(answer, new DownlinkExpectation(sealedUplink.Payload.Jti, SerialNo, enrolment ? -1 : State.ServerSeq, Clock.GetUtcNow(), kind, digitalId, timeNonce));
            if (!verified.IsSuccess)
            {
                throw Impostor($"{kind} response refused: {verified.Refusal}");
            }

            if (!enrolment)
            {
                State.ServerSeq = Math.Max(State.ServerSeq, verified.Value!.Payload.Seq);
            }

            if (verified.Value!.Payload.Policy is { } policy)
            {
                State.Policy = policy;
            }

            Save();
            return verified.Value;
        }
        finally
        {
            _exchange.Release();
        }
    }

    /// <summary>A GET with the device certificate over TLS (update documents and artifacts); the caller bounds what it reads.</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken)
    {
        var signer = await DeviceSignerAsync(cancellationToken);
        try
        {
            return await Link.Mutual(signer.Certificate).GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw Unreachable(exception);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ResetDeviceSigner();
        _ftm?.Dispose();
        _encryption?.Certificate.Dispose();
        Link.Dispose();
        _exchange.Dispose();
    }

    private async Task<(string Kid, X509Certificate2 Certificate)> EncryptionCertificateAsync(CancellationToken cancellationToken)
    {
        if (_encryption is { } known && known.Certificate.NotAfter.ToUniversalTime() > Clock.GetUtcNow().UtcDateTime)
        {
            return known;
        }

        var pem = await GetTextAsync(Link.Anonymous(), "/pki/encryption", cancellationToken);
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException)
        {
            throw Impostor("the server's encryption certificate does not parse");
        }

        // ROOT issued it: the pinned root decides, as it does for TLS and response signatures.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Link.Root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Clock.GetUtcNow().UtcDateTime;
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().SingleOrDefault();
        var basic = certificate.Extensions.OfType<X509BasicConstraintsExtension>().SingleOrDefault();
        if (!chain.Build(certificate) || usage is null || (usage.KeyUsages & X509KeyUsageFlags.KeyEncipherment) == 0 || basic?.CertificateAuthority == true)
        {
            certificate.Dispose();
            throw Impostor("the server's encryption certificate is not one the pinned root issued for encryption");
        }

        _encryption?.Certificate.Dispose();
        _encryption = (DeviceServerKeys.KidOf(certificate), certificate);
        return _encryption.Value;
    }

    private async Task<string> PostAsync(HttpClient client, string path, string compact, CancellationToken cancellationToken)
    {
        using var content = new StringContent(compact);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jose");
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync(path.TrimStart('/'), content, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw Unreachable(exception);
        }

        using (response)
        {
            var text = await ReadCappedAsync(response, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw Refused(path, response.StatusCode, text);
            }

            return text;
        }
    }

    private async Task<string> GetTextAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(path.TrimStart('/'), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw Unreachable(exception);
        }

        using (response)
        {
            var text = await ReadCappedAsync(response, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK ? text : throw Refused(path, response.StatusCode, text);
        }
    }

    private AgentException Refused(string path, HttpStatusCode status, string text)
    {
        var code = "unknown";
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("errorCode", out var errorCode) && errorCode.ValueKind == JsonValueKind.String)
            {
                code = new string([.. (errorCode.GetString() ?? string.Empty).Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').Take(16)]);
            }
        }
        catch (JsonException)
        {
            // Not the server's error shape: the status alone is reported.
        }

        var pathOnly = path.Split('?')[0];
        Log.Warn("server-refused", $"{pathOnly} answered {(int)status} {code}");
        return code == "KER-DEV-042"
            ? new AgentException(AgentErrors.AwaitingApproval, "the L0 enrolment is recorded and waits for an administrator's approval")
            : new AgentException(AgentErrors.ServerRefused, $"the server refused {pathOnly}: {(int)status} {code}");
    }

    private AgentException Unreachable(HttpRequestException exception)
    {
        if (exception.InnerException is AuthenticationException && Link.LastTlsRefusal is { } refusal)
        {
            return Impostor($"TLS: {refusal}");
        }

        Log.Warn("unreachable", exception.HttpRequestError.ToString());
        return new AgentException(AgentErrors.Unreachable, $"the server is unreachable ({exception.HttpRequestError})", exception);
    }

    private AgentException Impostor(string reason)
    {
        Log.Alert("server-refused-by-device", reason);
        return new AgentException(AgentErrors.ImpostorServer, $"not talking to the right server: {reason}");
    }

    private async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return total > MaxResponseBytes
            ? throw Impostor("an answer larger than any answer of the protocol")
            : System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }
}
