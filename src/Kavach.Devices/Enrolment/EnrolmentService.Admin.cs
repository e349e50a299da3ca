using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Keys.Audit;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Enrolment;

/// <content>The L0 exception (§4.5) and the revocation of unconfirmed certificates.</content>
public sealed partial class EnrolmentService
{
    /// <summary>
    /// Completes an L0 enrolment once its four-eyes approval (kind <c>L0Enrolment</c>) is granted: the recorded CSR is
    /// certified, the device moves from PendingApproval to PendingConfirm with its mgmtId, and its next enrol call gets
    /// the certificate. Returns the certificate serial.
    /// </summary>
    public async Task<Result<string>> ApproveL0Async(string serialNo, string approvedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serialNo);
        ArgumentException.ThrowIfNullOrEmpty(approvedBy);
        var request = await _store.GetL0RequestAsync(serialNo, cancellationToken);
        var device = await _registry.GetDeviceAsync(serialNo, cancellationToken);
        if (request is null || device is not { State: DeviceState.PendingApproval } || !IsL0(device))
        {
            await _audit.AdminAsync(EnrolmentAudit.ApproveL0, approvedBy, serialNo, EnrolmentErrors.NoPendingRequest.Code, null, cancellationToken);
            return EnrolmentErrors.NoPendingRequest;
        }

        var organization = await _providers.GetOrganizationAsync(device.ProviderId, cancellationToken);
        var key = Enrolment.DeviceSigningRequest.Read(request.Csr);
        if (organization is null || key is null || await _certificates.FindBySpkiAsync(request.SpkiSha256, cancellationToken) is not null)
        {
            await _audit.AdminAsync(EnrolmentAudit.ApproveL0, approvedBy, serialNo, EnrolmentErrors.EnrolmentRefused.Code, "reason=provider_inactive_or_key_reused", cancellationToken);
            return EnrolmentErrors.EnrolmentRefused;
        }

        var claim = new VerifiedClaim(device, organization, key, request.SpkiSha256, request.Csr, string.Empty);
        var mgmtId = device.MgmtId ?? ProtocolValues.NewId();
        var issued = await IssueCertificateAsync(serialNo, claim, mgmtId, "l0-approval:" + serialNo, cancellationToken);
        if (issued is null)
        {
            return EnrolmentErrors.EnrolmentRefused;
        }

        if (!await _registry.TryUpdateDeviceAsync(device with { MgmtId = mgmtId, State = DeviceState.PendingConfirm, UpdatedAt = Now }, device.Version, cancellationToken))
        {
            await _certificates.TryChangeStatusAsync(issued.CertSerial, DeviceCertificateStatus.Pending, DeviceCertificateStatus.Revoked, "cessationOfOperation", Now, cancellationToken);
            return EnrolmentErrors.NoPendingRequest;
        }

        await _store.DeleteL0RequestAsync(serialNo, cancellationToken);
        await _audit.AdminAsync(EnrolmentAudit.ApproveL0, approvedBy, serialNo, AuditOutcomes.Success, "cert=" + issued.CertSerial, cancellationToken);
        return issued.CertSerial;
    }

    /// <summary>
    /// For the daily job: revokes every certificate still Pending <see cref="EnrolmentOptions.ConfirmWithin"/> after
    /// issue (reason <c>cessationOfOperation</c>), and puts a device left waiting back where it was (Whitelisted after a
    /// first enrolment; Active or Expired after a re-enrolment whose previous certificate is still Active). Returns how many.
    /// Expired challenge nonces are deleted on the way (they can no longer be used; this keeps the table small).
    /// </summary>
    public async Task<int> RevokeUnconfirmedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _store.PurgeExpiredNoncesAsync(now, cancellationToken);
        var revoked = 0;
        foreach (var pending in await _certificates.ListPendingAsync(now - _options.ConfirmWithin, cancellationToken))
        {
            if (!await _certificates.TryChangeStatusAsync(pending.CertSerial, DeviceCertificateStatus.Pending, DeviceCertificateStatus.Revoked, "cessationOfOperation", now, cancellationToken))
            {
                continue;
            }

            revoked++;
            var active = (await _certificates.ListForDeviceAsync(pending.SerialNo, cancellationToken)).FirstOrDefault(c => c.Status == DeviceCertificateStatus.Active);
            var back = active is null ? DeviceState.Whitelisted : active.NotAfter > now ? DeviceState.Active : DeviceState.Expired;
            await MoveAsync(pending.SerialNo, DeviceState.PendingConfirm, d => d with { State = back, UpdatedAt = now }, cancellationToken);
            await _audit.AdminAsync(EnrolmentAudit.RevokeUnconfirmed, "policy-job", pending.SerialNo, AuditOutcomes.Success, $"cert={pending.CertSerial} state={back}", cancellationToken);
        }

        return revoked;
    }

    private async Task<Result<string>> RequestL0ApprovalAsync(EnrolmentMessage message, VerifiedClaim claim, EnrolmentRequestContext context, CancellationToken cancellationToken)
    {
        var device = claim.Device;
        if (!await _store.TryConsumeNonceAsync(NonceHash(claim.Nonce), Now, cancellationToken))
        {
            return await RefuseAsync(EnrolmentAudit.Enrol, context, device.SerialNo, MessageRefusal.Replay, "nonce unknown, expired or used", cancellationToken);
        }

        if (!await _store.TryInsertL0RequestAsync(new L0EnrolmentRequest(device.SerialNo, claim.SpkiSha256, claim.Csr, Now), cancellationToken))
        {
            return await RefuseAsync(EnrolmentAudit.Enrol, context, device.SerialNo, MessageRefusal.DeviceState, "another L0 request was recorded meanwhile", cancellationToken);
        }

        // A one-time secret is consumed here, in the same conditional update of the row version: the device is pinned to
        // the key it proved, so the secret cannot serve again (not even after a rejected approval).
        var consumed = device.L0SecretSha256 is not null;
        var pinned = device with { State = DeviceState.PendingApproval, L0KeySha256 = claim.SpkiSha256, L0SecretSha256 = null, LastSeq = message.Payload.Seq, UpdatedAt = Now };
        if (!await _registry.TryUpdateDeviceAsync(pinned, device.Version, cancellationToken))
        {
            await _store.DeleteL0RequestAsync(device.SerialNo, cancellationToken);
            return await RefuseAsync(EnrolmentAudit.Enrol, context, device.SerialNo, MessageRefusal.DeviceState, "device changed meanwhile", cancellationToken);
        }

        var recorded = consumed ? "L0 enrolment recorded, one-time secret consumed; awaits approval" : "L0 enrolment recorded; awaits approval";
        await _audit.RefusedAsync(EnrolmentAudit.Enrol, context, device.SerialNo, MessageRefusal.DeviceState, recorded, EnrolmentErrors.AwaitingApproval.Code, cancellationToken);
        return EnrolmentErrors.AwaitingApproval;
    }

    private async Task<Result<string>> AwaitApprovalAsync(VerifiedClaim claim, EnrolmentRequestContext context, CancellationToken cancellationToken)
    {
        var request = await _store.GetL0RequestAsync(claim.Device.SerialNo, cancellationToken);
        if (request is null || !HexEquals(request.SpkiSha256, claim.SpkiSha256))
        {
            return await RefuseAsync(EnrolmentAudit.Enrol, context, claim.Device.SerialNo, MessageRefusal.Payload, "another key waits for approval", cancellationToken);
        }

        // Every request spends a fresh nonce, so a captured request replayed is refused, not answered.
        if (!await _store.TryConsumeNonceAsync(NonceHash(claim.Nonce), Now, cancellationToken))
        {
            return await RefuseAsync(EnrolmentAudit.Enrol, context, claim.Device.SerialNo, MessageRefusal.Replay, "nonce unknown, expired or used", cancellationToken);
        }

        await _audit.RefusedAsync(EnrolmentAudit.Enrol, context, claim.Device.SerialNo, MessageRefusal.DeviceState, "L0 enrolment still awaits approval", EnrolmentErrors.AwaitingApproval.Code, cancellationToken);
        return EnrolmentErrors.AwaitingApproval;
    }
}
