using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Messaging;
using Kavach.Devices.Policy;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Deregistration;

/// <content>The device's acknowledgement, <c>POST /v1/deregister/ack</c> (§4.10 steps 3–4).</content>
public sealed partial class DeregistrationService
{
    /// <summary>
    /// Checks and applies a <c>dereg-ack</c>. An L1 device has zeroised its device key, so its acknowledgement is signed by
    /// its FTM chip: <c>x5c[0]</c> must be the very chip certificate the registry pinned at enrolment (and sign the digital
    /// id), TLS carries no device certificate. An L0 device signs with its device key before deleting it, through the
    /// full <see cref="DeviceMessageGate"/> (route <see cref="GateRoutes.DeregAck"/>: Active certificate, TLS-bound). Both
    /// need the device Deregistering, a new <c>jti</c>, an advancing <c>seq</c>, and a body naming this device and its
    /// Active certificate, zeroised after the approval. Then the certificate is revoked <c>cessationOfOperation</c>, the
    /// device is Deregistered, the CRL republished, the log entries and hooks queued. Every refusal is the protocol's one
    /// answer (<see cref="DeviceMessageErrors.MessageRefused"/>), audited, with nothing changed by this service.
    /// </summary>
    /// <param name="body">The request body (<c>application/jose</c>).</param>
    /// <param name="audience">The endpoint's exact public URL (<c>https://…/v1/deregister/ack</c>).</param>
    /// <param name="tlsClientCertificate">The connection's TLS client certificate, if any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<MessageCheck<DeregistrationAck>> AcknowledgeAsync(ReadOnlyMemory<byte> body, string audience, X509Certificate2? tlsClientCertificate, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(audience);
        var read = await _reader.ReadAsync(body, new UplinkRoute(MessageKinds.DeregAck, audience, TlsBinding.None), tlsClientCertificate, cancellationToken);
        if (!read.IsSuccess)
        {
            return await RefuseAsync(null, read.Refusal, read.Detail ?? "unreadable", cancellationToken);
        }

        var message = read.Value!;
        var device = await _registry.GetDeviceAsync(message.Payload.SerialNo, cancellationToken);
        if (device is null)
        {
            return await RefuseAsync(null, MessageRefusal.DeviceState, "unknown device", cancellationToken);
        }

        DeviceCertificateRecord? certificate;
        if (device.Certification == "L0")
        {
            var admitted = await _gate.CheckAsync(body, GateRoutes.DeregAck(audience), tlsClientCertificate, cancellationToken);
            if (!admitted.IsSuccess)
            {
                // The gate audited the refusal itself.
                return admitted.Forward<DeregistrationAck>();
            }

            (message, device, certificate) = (admitted.Value!.Message, admitted.Value.Device, admitted.Value.Certificate);
        }
        else if (device.State != DeviceState.Deregistering)
        {
            return await RefuseAsync(device.SerialNo, MessageRefusal.DeviceState, "device not de-registering", cancellationToken);
        }
        else
        {
            var signer = FtmSignerProblem(message, device);
            if (signer is not null)
            {
                return await RefuseAsync(device.SerialNo, MessageRefusal.SignerCertificate, signer, cancellationToken);
            }

            certificate = (await _certificates.ListForDeviceAsync(device.SerialNo, cancellationToken)).FirstOrDefault(c => c.Status == DeviceCertificateStatus.Active);
        }

        var open = await _store.GetOpenDeregistrationAsync(device.SerialNo, cancellationToken);
        if (open is not { State: DeregistrationState.Deregistering } || certificate is null)
        {
            return await RefuseAsync(device.SerialNo, MessageRefusal.DeviceState, "no de-registration in progress or no active certificate", cancellationToken);
        }

        if (BodyProblem((DeregAckBody)message.Body, device, certificate, open) is { } problem)
        {
            return await RefuseAsync(device.SerialNo, MessageRefusal.Payload, problem, cancellationToken);
        }

        if (device.Certification != "L0")
        {
            // The gate did these two writes for L0; for the FTM-signed message they come last, after every read-only check.
            if (!await _ledger.TryRecordAsync($"dev|{device.SerialNo}|{message.Payload.Jti}", _time.GetUtcNow() + _gateOptions.EffectiveReplayRetention, cancellationToken))
            {
                return await RefuseAsync(device.SerialNo, MessageRefusal.Replay, "jti seen before", cancellationToken);
            }

            if (!await _registry.TryAdvanceSequenceAsync(device.SerialNo, message.Payload.Seq, _time.GetUtcNow(), cancellationToken))
            {
                return await RefuseAsync(device.SerialNo, MessageRefusal.Sequence, "seq not above the last accepted", cancellationToken);
            }
        }

        var now = _time.GetUtcNow();
        var revoked = await _revocation.RevokeAsync(
            device.SerialNo, Deregistering, DeviceState.Deregistered, DeregistrationOutcomes.CessationOfOperation, DeregistrationOutcomes.Acknowledged,
            OperationsActors.Device(device.SerialNo), "device.deregister.ack", cancellationToken);
        if (revoked is null)
        {
            return await RefuseAsync(device.SerialNo, MessageRefusal.DeviceState, "device left Deregistering", cancellationToken);
        }

        await CompleteAsync(open, DeregistrationOutcomes.Acknowledged, now, cancellationToken);
        var completed = open with { State = DeregistrationState.Completed, CompletedAt = now, Outcome = DeregistrationOutcomes.Acknowledged };
        return MessageCheck<DeregistrationAck>.Ok(new DeregistrationAck(message, revoked, completed));
    }

    /// <summary>Why an L1 acknowledgement's signer is not the device's pinned FTM chip (or its digital id not the device's), or null.</summary>
    private static string? FtmSignerProblem(VerifiedUplink message, DeviceRecord device)
    {
        if (device.Certification != "L1" || device.FtmCertSha256 is not { Length: 64 } pinned || !IsHex(pinned)
            || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(message.SignerCertificate.RawDataMemory.Span), Convert.FromHexString(pinned)))
        {
            return "signer is not the FTM chip pinned at enrolment";
        }

        if (!message.DigitalId.Signer.RawDataMemory.Span.SequenceEqual(message.SignerCertificate.RawDataMemory.Span))
        {
            return "digital id not signed by the same FTM chip";
        }

        var id = message.DigitalId.Payload;
        var same = string.Equals(device.MgmtId, message.Payload.MgmtId, StringComparison.Ordinal)
            && string.Equals(id.SerialNo, device.SerialNo, StringComparison.Ordinal)
            && string.Equals(id.Make, device.Make, StringComparison.Ordinal)
            && string.Equals(id.Model, device.Model, StringComparison.Ordinal)
            && string.Equals(id.Type, device.Type, StringComparison.Ordinal)
            && string.Equals(id.DeviceSubType, device.DeviceSubType, StringComparison.Ordinal)
            && string.Equals(id.DeviceProviderId, device.ProviderId, StringComparison.Ordinal);
        return same ? null : "management id or digital id fields differ from the registry";
    }

    private static bool IsHex(string text) => text.All(Uri.IsHexDigit);

    /// <summary>Why the body is not this device's zeroisation proof for this de-registration, or null.</summary>
    private string? BodyProblem(DeregAckBody body, DeviceRecord device, DeviceCertificateRecord certificate, DeregistrationRecord open)
    {
        if (!string.Equals(body.SerialNo, device.SerialNo, StringComparison.Ordinal) || !body.Zeroized)
        {
            return "body names another device or no zeroisation";
        }

        if (!string.Equals(body.CertSerial, certificate.CertSerial, StringComparison.OrdinalIgnoreCase))
        {
            return "body names another certificate";
        }

        var skew = _gateOptions.Reader.ClockSkew;
        if (!ProtocolTimestamp.TryParse(body.Timestamp, out var zeroisedAt) || zeroisedAt < open.ApprovedAt - skew || zeroisedAt > _time.GetUtcNow() + skew)
        {
            return "zeroisation time before the approval or in the future";
        }

        return null;
    }

    private async Task<MessageCheck<DeregistrationAck>> RefuseAsync(string? serialNo, MessageRefusal refusal, string detail, CancellationToken cancellationToken)
    {
        // Before the signature is tied to a registered device the claimed serial is anyone's text.
        DeregistrationLog.AckRefused(_logger, serialNo ?? "unauthenticated", refusal.ToString());
        await AuditAsync(_time.GetUtcNow(), "device.deregister.ack", serialNo is null ? "anonymous" : OperationsActors.Device(serialNo), DeviceMessageErrors.MessageRefused.Code, serialNo, $"reason={refusal}", cancellationToken);
        return MessageCheck<DeregistrationAck>.Refuse(DeviceMessageErrors.MessageRefused, refusal, detail);
    }
}
