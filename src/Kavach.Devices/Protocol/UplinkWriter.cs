using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Protocol;

/// <summary>
/// Device side (the agent, and server tests): signs a message (RS256, <c>typ</c> <c>dm-&lt;kind&gt;+jwt</c>,
/// <c>x5c</c> = [signer certificate], <c>kid</c> = its hex SHA-256) through a delegate — FTM, TPM or a test key — then
/// encrypts it to the server encryption certificate (RSA-OAEP-256 + A256GCM).
/// </summary>
public sealed class UplinkWriter
{
    private readonly TimeProvider _trustedClock;

    /// <summary>Creates a writer stamping messages with <paramref name="trustedClock"/> (the device's server-synchronised clock).</summary>
    public UplinkWriter(TimeProvider trustedClock)
    {
        ArgumentNullException.ThrowIfNull(trustedClock);
        _trustedClock = trustedClock;
    }

    /// <summary>Signs and encrypts <paramref name="draft"/>.</summary>
    /// <param name="draft">What to say.</param>
    /// <param name="signerCertificate">The signer's certificate: the device certificate, or the FTM chip certificate for enroll and reenroll.</param>
    /// <param name="sign">RS256 over the signing input with the signer's key.</param>
    /// <param name="serverEncryptionCertificate">The server encryption certificate.</param>
    /// <param name="serverEncryptionKid">Its <c>kid</c>.</param>
    /// <param name="cancellationToken">Cancels the signing.</param>
    /// <exception cref="ArgumentException">The draft is out of format (serial, sequence, audience, management id).</exception>
    public async ValueTask<SealedUplink> WriteAsync(
        UplinkDraft draft,
        X509Certificate2 signerCertificate,
        Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> sign,
        X509Certificate2 serverEncryptionCertificate,
        string serverEncryptionKid,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(signerCertificate);
        ArgumentNullException.ThrowIfNull(sign);
        ArgumentNullException.ThrowIfNull(serverEncryptionCertificate);
        if (!ProtocolValues.IsSerialNo(draft.SerialNo) || draft.Seq < 1 || string.IsNullOrEmpty(draft.Audience)
            || (draft.MgmtId is not null && !ProtocolValues.IsUuidV4(draft.MgmtId)) || string.IsNullOrEmpty(draft.DigitalId))
        {
            throw new ArgumentException("The draft needs a valid serial, seq ≥ 1, an audience, a digital id and, if any, a UUIDv4 management id.", nameof(draft));
        }

        string kind = UplinkBodies.KindOf(draft.Body);
        var payload = new UplinkPayload(
            MessageKinds.Version,
            kind,
            ProtocolValues.NewId(),
            draft.Seq,
            ProtocolTimestamp.ToText(_trustedClock.GetUtcNow()),
            draft.Audience,
            draft.SerialNo,
            draft.DigitalId,
            UplinkBodies.ToElement(draft.Body),
            draft.MgmtId);
        byte[] json = ProtocolJson.Write(payload, DeviceProtocolJsonContext.Default.UplinkPayload);
        string jws = await StrictJws.SignAsync(MessageKinds.UplinkType(kind), [signerCertificate], StrictJws.CertificateKid(signerCertificate), json, sign, cancellationToken)
            .ConfigureAwait(false);
        string jwe = StrictJwe.Encrypt(Encoding.ASCII.GetBytes(jws), serverEncryptionCertificate, serverEncryptionKid);
        return new SealedUplink(jwe, payload);
    }
}
