using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Enrolment;

/// <content>The two-phase confirm and the FTM-attested re-enrolment (§4.5 step 6, §4.13.2).</content>
public sealed partial class EnrolmentService
{
    /// <summary>
    /// <c>POST /v1/enroll/confirm</c>, over mutual TLS with the new certificate and signed with the new key: the pending
    /// certificate becomes Active (superseding the previous one after a re-enrolment), the device Active.
    /// </summary>
    public async Task<Result<string>> ConfirmAsync(string? compact, EnrolmentRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var read = await _reader.ReadAsync(compact, MessageKinds.EnrollConfirm, context.Audience, context.ClientCertificate, cancellationToken);
        if (!read.IsSuccess)
        {
            return await RefuseAsync(EnrolmentAudit.Confirm, context, null, read.Refusal, read.Detail ?? "unreadable", cancellationToken);
        }

        // The reader checked that x5c[0] is the TLS client certificate (the confirm route requires mutual TLS).
        var message = read.Value!;
        var serial = message.Payload.SerialNo;
        var signer = message.Signer;
        var certSerial = ((EnrollConfirmBody)message.Body).CertSerial;
        var certificate = await _certificates.GetCertificateAsync(certSerial, cancellationToken);
        if (certificate is null || certificate.SerialNo != serial || certificate.Status != DeviceCertificateStatus.Pending
            || !certificate.Der.AsSpan().SequenceEqual(signer.RawData))
        {
            return await RefuseAsync(EnrolmentAudit.Confirm, context, serial, MessageRefusal.CertificateStatus, "not the device's pending certificate", cancellationToken);
        }

        var now = Now;
        if (now < certificate.NotBefore || now >= certificate.NotAfter)
        {
            return await RefuseAsync(EnrolmentAudit.Confirm, context, serial, MessageRefusal.CertificateChain, "certificate outside its validity", cancellationToken);
        }

        var device = await _registry.GetDeviceAsync(serial, cancellationToken);
        if (device is not { State: DeviceState.PendingConfirm } || !string.Equals(message.Payload.MgmtId, device.MgmtId, StringComparison.Ordinal))
        {
            return await RefuseAsync(EnrolmentAudit.Confirm, context, serial, MessageRefusal.DeviceState, "device not waiting for this confirm", cancellationToken);
        }

        var digitalIdCheck = await VerifyConfirmDigitalIdAsync(message, device, signer, cancellationToken);
        if (digitalIdCheck is not null)
        {
            return await RefuseAsync(EnrolmentAudit.Confirm, context, serial, digitalIdCheck.Refusal, digitalIdCheck.Detail ?? "digital id refused", cancellationToken);
        }

        if (message.Payload.Seq <= device.LastSeq || !await _registry.TryAdvanceSequenceAsync(serial, message.Payload.Seq, now, cancellationToken))
        {
            return await RefuseAsync(EnrolmentAudit.Confirm, context, serial, MessageRefusal.Sequence, "seq did not advance", cancellationToken);
        }

        var previous = (await _certificates.ListForDeviceAsync(serial, cancellationToken)).FirstOrDefault(c => c.Status == DeviceCertificateStatus.Active);
        if (!await _certificates.TryActivateAsync(certSerial, previous?.CertSerial, previous is null ? null : "superseded", now, cancellationToken))
        {
            return await RefuseAsync(EnrolmentAudit.Confirm, context, serial, MessageRefusal.CertificateStatus, "certificate changed meanwhile", cancellationToken);
        }

        if (!await MoveAsync(serial, DeviceState.PendingConfirm, d => d with { State = DeviceState.Active, UpdatedAt = now }, cancellationToken))
        {
            return await RefuseAsync(EnrolmentAudit.Confirm, context, serial, MessageRefusal.DeviceState, "device changed meanwhile", cancellationToken);
        }

        var detail = previous is null ? $"cert={certSerial}" : $"cert={certSerial} superseded={previous.CertSerial}";
        await _audit.SucceededAsync(EnrolmentAudit.Confirm, context, serial, detail, cancellationToken);
        await QueueRegistrationAsync(serial, certSerial, cancellationToken);
        return await _responses.AnswerAsync(message, EmptyBody.Instance, Policy, cancellationToken);
    }

    /// <summary>
    /// <c>POST /v1/enroll</c> with kind <c>reenroll</c> (§4.13.2): an L1 device that lost its key or its sequence (reflashed,
    /// or offline past its certificate's expiry) proves its identity with the FTM key over a fresh nonce. A new key is
    /// certified (Pending), <c>seq</c> restarts, the history stays; the confirm then supersedes the old certificate.
    /// Allowed from Active and Expired.
    /// </summary>
    public async Task<Result<string>> ReenrolAsync(string? compact, EnrolmentRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var read = await _reader.ReadAsync(compact, MessageKinds.Reenroll, context.Audience, null, cancellationToken);
        if (!read.IsSuccess)
        {
            return await RefuseAsync(EnrolmentAudit.Reenrol, context, null, read.Refusal, read.Detail ?? "unreadable", cancellationToken);
        }

        var message = read.Value!;
        var body = (ReenrollBody)message.Body;
        var serial = message.Payload.SerialNo;
        var device = await _registry.GetDeviceAsync(serial, cancellationToken);
        if (device is null || IsL0(device) || device.State is not (DeviceState.Active or DeviceState.Expired)
            || (message.Payload.MgmtId is not null && message.Payload.MgmtId != device.MgmtId))
        {
            return await RefuseAsync(EnrolmentAudit.Reenrol, context, serial, MessageRefusal.DeviceState, device is null ? "serial unknown" : $"re-enrolment not allowed ({device.Certification}, {device.State})", cancellationToken);
        }

        var claim = await VerifyClaimAsync(message, device, body.Nonce, body.Csr, null, cancellationToken);
        if (!claim.IsSuccess)
        {
            return await RefuseAsync(EnrolmentAudit.Reenrol, context, serial, claim.Refusal, claim.Detail ?? "claim refused", cancellationToken);
        }

        if (await _certificates.FindBySpkiAsync(claim.Value!.SpkiSha256, cancellationToken) is not null)
        {
            return await RefuseAsync(EnrolmentAudit.Reenrol, context, serial, MessageRefusal.Payload, "CSR key was certified before", cancellationToken);
        }

        return await IssueAsync(EnrolmentAudit.Reenrol, message, claim.Value, context, cancellationToken);
    }

    /// <summary>L1: the digital id is signed by the enrolled FTM certificate; L0: by the new device certificate; fields as whitelisted.</summary>
    private async Task<MessageCheck<VerifiedClaim>?> VerifyConfirmDigitalIdAsync(EnrolmentMessage message, DeviceRecord device, System.Security.Cryptography.X509Certificates.X509Certificate2 deviceCertificate, CancellationToken cancellationToken)
    {
        var organization = await _providers.GetOrganizationAsync(device.ProviderId, cancellationToken);
        if (organization is null)
        {
            return Refuse(MessageRefusal.DeviceState, "provider unknown or inactive");
        }

        if (IsL0(device))
        {
            return VerifyDigitalId(message.Payload.DigitalId, device, organization, deviceCertificate, message.Payload.SerialNo);
        }

        var read = SignedDigitalIdSigner(message.Payload.DigitalId);
        if (read is null || device.FtmCertSha256 is null
            || !HexEquals(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(read.RawData)), device.FtmCertSha256))
        {
            return Refuse(MessageRefusal.DigitalIdSigner, "digital id not signed by the enrolled FTM certificate");
        }

        return VerifyDigitalId(message.Payload.DigitalId, device, organization, read, message.Payload.SerialNo);
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2? SignedDigitalIdSigner(string? compact)
    {
        var read = Protocol.DigitalIds.SignedDigitalId.Read(compact);
        return read.IsSuccess ? read.Value!.Signer : null;
    }

    /// <summary>Applies <paramref name="change"/> to the device while it is in <paramref name="from"/>, re-reading once if another writer got there first.</summary>
    private async Task<bool> MoveAsync(string serialNo, DeviceState from, Func<DeviceRecord, DeviceRecord> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var device = await _registry.GetDeviceAsync(serialNo, cancellationToken);
            if (device is null || device.State != from)
            {
                return false;
            }

            if (await _registry.TryUpdateDeviceAsync(change(device), device.Version, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Tells MOSIP's PMS about the device and its certificate through the durable hook outbox. The device is already
    /// active (the confirm is the device's to retry, not this), so a failure to queue is logged for the operator.
    /// </summary>
    private async Task QueueRegistrationAsync(string serial, string certSerial, CancellationToken cancellationToken)
    {
        if (_hooks is null)
        {
            return;
        }

        try
        {
            if (await _registry.GetDeviceAsync(serial, cancellationToken) is { } device)
            {
                await _hooks.DeviceRegisteredAsync(device, certSerial, cancellationToken);
            }
        }
#pragma warning disable CA1031 // the device is active either way; the operator is told what to do by hand
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            _audit.RegistrationHookNotQueued(serial, e);
        }
    }
}
