using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Crypto;
using Kavach.Devices.Protocol.DigitalIds;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;
using Kavach.Testing.Devices;

namespace Kavach.Devices.Tests.Enrolment.Support;

/// <summary>
/// A simulated device for enrolment tests: its FTM chip (L1) or pre-registered key (L0), a device key, and the uplink
/// messages it sends, built with the protocol's own JOSE. Every field can be spoiled for a bad-input test.
/// </summary>
public sealed class SimulatedDevice : IDisposable
{
    public SimulatedDevice(string serialNo, PkiIdentity? ftm, string providerId, string organization, TimeProvider time)
    {
        SerialNo = serialNo;
        Ftm = ftm;
        ProviderId = providerId;
        Organization = organization;
        Time = time;
        DeviceKey = RSA.Create(2048);
    }

    public string SerialNo { get; }

    public PkiIdentity? Ftm { get; }

    public string ProviderId { get; }

    public string Organization { get; }

    public TimeProvider Time { get; }

    public RSA DeviceKey { get; private set; }

    public X509Certificate2? Certificate { get; set; }

    public string? MgmtId { get; set; }

    public long Seq { get; set; } = 100;

    public string Make { get; set; } = "MOSIP";

    /// <summary>Hex SHA-256 of the device key's SubjectPublicKeyInfo (an L0 whitelist's <c>l0KeySha256</c>).</summary>
    public string DeviceKeySpki => Convert.ToHexStringLower(SHA256.HashData(DeviceKey.ExportSubjectPublicKeyInfo()));

    /// <summary>A self-signed certificate of the device key: what an L0 device puts in <c>x5c</c> before it has ours.</summary>
    public X509Certificate2 SelfSigned()
    {
        var request = new CertificateRequest($"CN={SerialNo}", DeviceKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = Time.GetUtcNow();
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }

    /// <summary>A new device key (a reflashed device, or a clone).</summary>
    public void NewKey()
    {
        DeviceKey.Dispose();
        DeviceKey = RSA.Create(2048);
    }

    /// <summary>A CSR of the device key; its subject tries to inject another organisation.</summary>
    public string Csr(RSA? key = null, string subject = "CN=x,O=evil") =>
        Base64Url.Encode(new CertificateRequest(subject, key ?? DeviceKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest());

    public DigitalIdPayload DigitalIdPayload(DateTimeOffset? at = null) =>
        new(SerialNo, Make, "SLAP01", "Finger", "Slap", Organization, ProviderId, DigitalIdTime.ToText(at ?? Time.GetUtcNow()));

    /// <summary>The digital id signed by <paramref name="signer"/> (default: the FTM chip on L1, the device key on L0).</summary>
    public async Task<string> DigitalIdAsync(DigitalIdPayload? payload = null, X509Certificate2? signerCertificate = null, RSA? signerKey = null)
    {
        var (certificate, key) = signerCertificate is null ? DefaultSigner() : (signerCertificate, signerKey!);
        return await SignedDigitalId.SignAsync(payload ?? DigitalIdPayload(), certificate, Sign(key), CancellationToken.None);
    }

    /// <summary>
    /// An uplink message: the payload signed as <c>dm-&lt;kind&gt;+jwt</c> by the given signer and encrypted to the server
    /// key. It carries the device's mgmtId except on <c>enroll</c>, which never does (a retry after a lost response).
    /// </summary>
    public async Task<string> UplinkAsync(
        IUplinkBody body,
        string aud,
        (string Kid, X509Certificate2 Certificate) server,
        string? digitalId = null,
        X509Certificate2? signerCertificate = null,
        RSA? signerKey = null,
        DateTimeOffset? timestamp = null,
        string? typ = null,
        string? mgmtId = null)
    {
        var kind = UplinkBodies.KindOf(body);
        var (certificate, key) = signerCertificate is null ? DefaultSigner() : (signerCertificate, signerKey!);
        var payload = new UplinkPayload(
            MessageKinds.Version,
            kind,
            Guid.NewGuid().ToString("D"),
            ++Seq,
            ProtocolTimestamp.ToText(timestamp ?? Time.GetUtcNow()),
            aud,
            SerialNo,
            digitalId ?? await DigitalIdAsync(),
            UplinkBodies.ToElement(body),
            mgmtId ?? (body is EnrollBody ? null : MgmtId));
        var json = ProtocolJson.Write(payload, DeviceProtocolJsonContext.Default.UplinkPayload);
        var jws = await StrictJws.SignAsync(typ ?? MessageKinds.UplinkType(kind), [certificate], StrictJws.CertificateKid(certificate), json, Sign(key), CancellationToken.None);
        return StrictJwe.Encrypt(Encoding.UTF8.GetBytes(jws), server.Certificate, server.Kid);
    }

    public EnrollBody EnrollBody(string nonce, string? csr = null, string purpose = "Auth") =>
        new(nonce, csr ?? Csr(), "1.0.0", "1.0", ["0.9.5"], purpose, "Staging");

    public void Dispose()
    {
        DeviceKey.Dispose();
        Certificate?.Dispose();
    }

    internal static Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> Sign(RSA key) =>
        (data, _) => ValueTask.FromResult(key.SignData(data.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    private (X509Certificate2 Certificate, RSA Key) DefaultSigner() =>
        Ftm is not null ? (Ftm.Certificate, Ftm.Key) : (Certificate ?? SelfSigned(), DeviceKey);
}
