using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.DigitalIds;
using Kavach.Devices.Protocol.Messages;
using Kavach.Testing.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Devices.Server.Tests.Support;

/// <summary>
/// An L1 device talking to a running server over HTTPS as the agent would: its FTM chip (a test certificate) signs the
/// enrolment and the digital id, a fresh device key gets the certificate, then mutual TLS with that certificate. It
/// pins the server's ROOT and verifies every response; it keeps its sequence numbers as a device persists them.
/// </summary>
internal sealed class SimulatedL1Device : IDisposable
{
    private readonly DeviceServerHost _host;
    private readonly PkiIdentity _chip;
    private readonly DeviceProviderPki _provider;
    private readonly RSA _deviceKey = RSA.Create(2048);
    private readonly DownlinkVerifier _verifier;
    private readonly UplinkWriter _writer;
    private long _seq;
    private long _serverSeq;

    public SimulatedL1Device(DeviceServerHost host, DeviceProviderPki provider, PkiIdentity chip, string serialNo, X509Certificate2 pinnedRoot)
    {
        _host = host;
        _provider = provider;
        _chip = chip;
        SerialNo = serialNo;
        _verifier = new DownlinkVerifier(pinnedRoot);
        _writer = new UplinkWriter(host.Time);
    }

    public string SerialNo { get; }

    public string? MgmtId { get; private set; }

    public X509Certificate2? Certificate { get; private set; }

    public string CertSerial => Certificate!.SerialNumber.ToUpperInvariant();

    /// <summary>The challenge, then the FTM-signed enrolment; returns the verified enrolment result.</summary>
    public async Task<EnrollmentResultBody> EnrolAsync(string make = "MOSIP", string model = "SLAP01")
    {
        using var open = _host.Client();
        using var challengeResponse = await open.GetAsync("/v1/enroll/challenge");
        Assert.Equal(HttpStatusCode.OK, challengeResponse.StatusCode);
        var challenge = _verifier.VerifyChallenge(await challengeResponse.Content.ReadAsStringAsync(), null);
        Assert.True(challenge.IsSuccess, challenge.Detail);
        var nonce = ((ChallengeBody)challenge.Value!.Body).Nonce;

        var request = new CertificateRequest($"CN={SerialNo}", _deviceKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var csr = Kavach.Crypto.Base64Url.Encode(request.CreateSigningRequest());
        var digitalId = await DigitalIdAsync(make, model);
        var body = new EnrollBody(nonce, csr, "1.0.0", "1.0.0", ["0.9.5"], "Auth", "Staging");
        var (status, response, jti) = await SendAsync(open, DevicePathsEnroll, body, digitalId, _chip.Certificate, _chip.Key);
        Assert.True(status == HttpStatusCode.OK, $"enroll answered {status}: {response}");
        var verified = Verify(response, jti, MessageKinds.Enroll, digitalId);
        var result = (EnrollmentResultBody)verified.Body;
        MgmtId = result.MgmtId;
        using var issued = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(result.CertChain[0]));
        Certificate = issued.CopyWithPrivateKey(_deviceKey);
        return result;
    }

    /// <summary>Confirms the certificate over mutual TLS with it.</summary>
    public async Task ConfirmAsync()
    {
        using var client = _host.Client(Certificate);
        var digitalId = await DigitalIdAsync();
        var (status, response, jti) = await SendAsync(client, "/v1/enroll/confirm", new EnrollConfirmBody(CertSerial), digitalId, Certificate!, _deviceKey);
        Assert.True(status == HttpStatusCode.OK, $"confirm answered {status}: {response}");
        Verify(response, jti, MessageKinds.EnrollConfirm, digitalId);
    }

    /// <summary>A check-in; returns the verified response (its commands read against the catalogue).</summary>
    public async Task<VerifiedDownlink> CheckInAsync()
    {
        using var client = _host.Client(Certificate);
        var digitalId = await DigitalIdAsync();
        var body = new CheckinBody("1.0.0", 0, CertSerial, ProtocolTimestamp.ToText(new DateTimeOffset(Certificate!.NotAfter.ToUniversalTime(), TimeSpan.Zero)), "Ready", new DeviceHealth(41.5, false, 0), new SbiInfo(["0.9.5"], "1.0.0"));
        var (status, response, jti) = await SendAsync(client, "/v1/checkin", body, digitalId, Certificate!, _deviceKey);
        Assert.True(status == HttpStatusCode.OK, $"checkin answered {status}: {response}");
        return Verify(response, jti, MessageKinds.Checkin, digitalId);
    }

    /// <summary>Reports a command's result.</summary>
    public async Task ReportAsync(string cmdId, string outcome)
    {
        using var client = _host.Client(Certificate);
        var digitalId = await DigitalIdAsync();
        var (status, response, jti) = await SendAsync(client, $"/v1/commands/{cmdId}/result", new CommandResultBody(cmdId, outcome), digitalId, Certificate!, _deviceKey);
        Assert.True(status == HttpStatusCode.OK, $"result answered {status}: {response}");
        Verify(response, jti, MessageKinds.CommandResult, digitalId);
    }

    /// <summary>
    /// The zeroisation proof after a <c>deregister</c> command: the device key is gone, so the FTM chip signs it and TLS
    /// carries no certificate.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)> AcknowledgeDeregistrationAsync()
    {
        using var open = _host.Client();
        var digitalId = await DigitalIdAsync();
        var body = new DeregAckBody(SerialNo, CertSerial, ProtocolTimestamp.ToText(_host.Time.GetUtcNow()), true);
        var (status, response, jti) = await SendAsync(open, "/v1/deregister/ack", body, digitalId, _chip.Certificate, _chip.Key);
        if (status == HttpStatusCode.OK)
        {
            Verify(response, jti, MessageKinds.DeregAck, digitalId);
        }

        return (status, response);
    }

    /// <summary>Sends an already sealed message as-is (replay tests).</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendRawAsync(string path, string compact, X509Certificate2? clientCertificate)
    {
        using var client = _host.Client(clientCertificate);
        using var content = new StringContent(compact);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jose");
        using var response = await client.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Seals a check-in without sending it.</summary>
    public async Task<string> SealCheckinAsync()
    {
        var digitalId = await DigitalIdAsync();
        var body = new CheckinBody("1.0.0", 0, CertSerial, ProtocolTimestamp.ToText(new DateTimeOffset(Certificate!.NotAfter.ToUniversalTime(), TimeSpan.Zero)), "Ready", new DeviceHealth(41.5, false, 0), new SbiInfo(["0.9.5"], "1.0.0"));
        return (await SealAsync("/v1/checkin", body, digitalId, Certificate!, _deviceKey)).Compact;
    }

    public void Dispose()
    {
        Certificate?.Dispose();
        _deviceKey.Dispose();
    }

    private const string DevicePathsEnroll = "/v1/enroll";

    private VerifiedDownlink Verify(string compact, string jti, string kind, string digitalId)
    {
        // Enrolment answers carry server seq 0: the downlink sequence starts with the first check-in.
        var enrolment = kind is MessageKinds.Enroll or MessageKinds.EnrollConfirm;
        var verified = _verifier.Verify(compact, new DownlinkExpectation(jti, SerialNo, enrolment ? -1 : _serverSeq, _host.Time.GetUtcNow(), kind, digitalId));
        Assert.True(verified.IsSuccess, $"{kind} response refused by the device: {verified.Refusal} {verified.Detail}");
        _serverSeq = Math.Max(_serverSeq, verified.Value!.Payload.Seq);
        return verified.Value;
    }

    private async Task<(HttpStatusCode Status, string Body, string Jti)> SendAsync(HttpClient client, string path, IUplinkBody body, string digitalId, X509Certificate2 signer, RSA key)
    {
        var sealedUplink = await SealAsync(path, body, digitalId, signer, key);
        using var content = new StringContent(sealedUplink.Compact);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jose");
        using var response = await client.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), sealedUplink.Payload.Jti);
    }

    private async Task<SealedUplink> SealAsync(string path, IUplinkBody body, string digitalId, X509Certificate2 signer, RSA key)
    {
        var (kid, encryption) = await _host.Services.GetRequiredService<IDeviceServerKeys>().GetEncryptionKeyAsync(CancellationToken.None);
        var audience = new Uri(_host.Address, path).ToString();
        return await _writer.WriteAsync(
            new UplinkDraft(audience, SerialNo, ++_seq, digitalId, body, MgmtId),
            signer,
            (input, _) => ValueTask.FromResult(key.SignData(input.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
            encryption,
            kid,
            CancellationToken.None);
    }

    private ValueTask<string> DigitalIdAsync(string make = "MOSIP", string model = "SLAP01") =>
        SignedDigitalId.SignAsync(
            new DigitalIdPayload(SerialNo, make, model, "Finger", "Slap", _provider.Organization, _provider.ProviderId, DigitalIdTime.ToText(_host.Time.GetUtcNow())),
            _chip.Certificate,
            (input, _) => ValueTask.FromResult(_chip.Key.SignData(input.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
            CancellationToken.None);
}
