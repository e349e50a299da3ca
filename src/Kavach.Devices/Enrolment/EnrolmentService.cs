using System.Security.Cryptography;
using Kavach.Devices.Authority;
using Kavach.Devices.Hooks;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Devices.Transparency;
using Kavach.Keys.Errors;
using Kavach.Keys.Vault;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Enrolment;

/// <summary>
/// Enrolment of genuine devices (spec §4.5, §4.13.2): the challenge, the FTM-signed (L1) or pre-registered-key (L0)
/// enrolment, the two-phase confirm, FTM-attested re-enrolment, clone handling, L0 approval and the revocation of
/// unconfirmed certificates. Every refusal is <see cref="EnrolmentErrors.EnrolmentRefused"/> to the device, with the
/// reason in the audit trail, and changes no registry or certificate row.
/// </summary>
public sealed partial class EnrolmentService
{
    // Null only where a test composes the service without the transparency log.
    private readonly TransparencyRecorder? _transparency;

    // Null only where a test composes the service without the outbound hooks.
    private readonly HookPublisher? _hooks;
    private readonly IDeviceRegistryStore _registry;
    private readonly IDeviceCertificateStore _certificates;
    private readonly IEnrolmentStore _store;
    private readonly DeviceCertificateAuthority _authority;
    private readonly DeviceAuthorityOptions _authorityOptions;
    private readonly IFtmChipTrust _ftm;
    private readonly IDeviceProviderOrganizations _providers;
    private readonly EnrolmentOptions _options;
    private readonly TimeProvider _time;
    private readonly EnrolmentMessageReader _reader;
    private readonly EnrolmentResponses _responses;
    private readonly EnrolmentAudit _audit;

    /// <summary>Creates the service.</summary>
    public EnrolmentService(
        IDeviceRegistryStore registry,
        IDeviceCertificateStore certificates,
        IEnrolmentStore store,
        DeviceCertificateAuthority authority,
        DeviceAuthorityOptions authorityOptions,
        IDeviceServerKeys serverKeys,
        IFtmChipTrust ftm,
        IDeviceProviderOrganizations providers,
        IDeviceAudit audit,
        EnrolmentOptions options,
        TimeProvider time,
        ILogger<EnrolmentService> logger,
        TransparencyRecorder? transparency = null,
        HookPublisher? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(authorityOptions);
        ArgumentNullException.ThrowIfNull(serverKeys);
        ArgumentNullException.ThrowIfNull(ftm);
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _registry = registry;
        _certificates = certificates;
        _store = store;
        _authority = authority;
        _authorityOptions = authorityOptions;
        _ftm = ftm;
        _providers = providers;
        _options = options;
        _time = time;
        _reader = new EnrolmentMessageReader(serverKeys, options, time);
        _responses = new EnrolmentResponses(serverKeys, options, time);
        _audit = new EnrolmentAudit(audit, time, logger);
        _transparency = transparency;
        _hooks = hooks;
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private DevicePolicy Policy => _responses.Policy(_authorityOptions.CertificateDays);

    /// <summary>
    /// <c>GET /v1/enroll/challenge</c>: a signed <c>{nonce, serverTime, expires}</c> (compact JWS, <c>dm-resp+jwt</c>,
    /// kind <c>challenge</c>); the nonce (32 random bytes) is recorded by its hash, valid five minutes, single use.
    /// </summary>
    public async Task<string> IssueChallengeAsync(EnrolmentRequestContext? context, CancellationToken cancellationToken)
    {
        var now = ProtocolTimestamp.TruncateToMilliseconds(Now);
        var expires = now + _options.NonceLifetime;
        var nonce = ProtocolValues.NewNonce();
        if (!await _store.TryInsertNonceAsync(NonceHash(nonce), expires, cancellationToken))
        {
            throw new InvalidOperationException("A fresh random nonce collided with a recorded one.");
        }

        await _audit.SucceededAsync(EnrolmentAudit.Challenge, context, null, null, cancellationToken);
        return await _responses.ChallengeAsync(new ChallengeBody(nonce, ProtocolTimestamp.ToText(now), ProtocolTimestamp.ToText(expires)), cancellationToken);
    }

    /// <summary>
    /// <c>POST /v1/enroll</c>: checks every rule of §4.5 and answers with the signed enrolment result
    /// (<c>{mgmtId, certChain, policy}</c>), the device now <see cref="DeviceState.PendingConfirm"/>. An L0 device's
    /// first request is recorded for approval (<see cref="EnrolmentErrors.AwaitingApproval"/>); after the approval its
    /// next request gets the certificate issued then. A retry with the key of a pending certificate gets that certificate
    /// again. An authenticated claim for an active serial with another key quarantines the device (clone, §4.13.2).
    /// </summary>
    public async Task<Result<string>> EnrolAsync(string? compact, EnrolmentRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var read = await _reader.ReadAsync(compact, MessageKinds.Enroll, context.Audience, null, cancellationToken);
        if (!read.IsSuccess)
        {
            return await RefuseAsync(EnrolmentAudit.Enrol, context, null, read.Refusal, read.Detail ?? "unreadable", cancellationToken);
        }

        var message = read.Value!;
        var body = (EnrollBody)message.Body;
        var serial = message.Payload.SerialNo;
        var device = await _registry.GetDeviceAsync(serial, cancellationToken);
        if (device is null)
        {
            return await RefuseAsync(EnrolmentAudit.Enrol, context, serial, MessageRefusal.DeviceState, "serial not in an approved whitelist batch", cancellationToken);
        }

        var checkedClaim = await VerifyClaimAsync(message, device, body.Nonce, body.Csr, body.EnrolmentSecret, cancellationToken);
        if (!checkedClaim.IsSuccess)
        {
            return await RefuseAsync(EnrolmentAudit.Enrol, context, serial, checkedClaim.Refusal, checkedClaim.Detail ?? "claim refused", cancellationToken);
        }

        var claim = checkedClaim.Value!;
        if (!string.Equals(body.Purpose, device.Purpose, StringComparison.Ordinal) || !string.Equals(body.Env, device.Env, StringComparison.Ordinal))
        {
            return await RefuseAsync(EnrolmentAudit.Enrol, context, serial, MessageRefusal.DigitalIdMismatch, "purpose or env differs from the whitelist", cancellationToken);
        }

        var known = await _certificates.FindBySpkiAsync(claim.SpkiSha256, cancellationToken);
        if (device.State == DeviceState.PendingConfirm && known is { Status: DeviceCertificateStatus.Pending } pending && pending.SerialNo == device.SerialNo)
        {
            return await RedeliverAsync(message, claim, pending, context, cancellationToken);
        }

        if (known is not null)
        {
            return await RefuseAsync(EnrolmentAudit.Enrol, context, serial, MessageRefusal.Payload, "CSR key was certified before", cancellationToken);
        }

        return device.State switch
        {
            DeviceState.Whitelisted when IsL0(device) => await RequestL0ApprovalAsync(message, claim, context, cancellationToken),
            DeviceState.Whitelisted => await IssueAsync(EnrolmentAudit.Enrol, message, claim, context, cancellationToken),
            DeviceState.PendingApproval when IsL0(device) => await AwaitApprovalAsync(claim, context, cancellationToken),
            DeviceState.Active when !IsL0(device) => await QuarantineCloneAsync(message, claim, context, cancellationToken),
            _ => await RefuseAsync(EnrolmentAudit.Enrol, context, serial, MessageRefusal.DeviceState, $"device is {device.State}", cancellationToken),
        };
    }

    private async Task<Result<string>> IssueAsync(string operation, EnrolmentMessage message, VerifiedClaim claim, EnrolmentRequestContext context, CancellationToken cancellationToken)
    {
        var device = claim.Device;
        if (!await _store.TryConsumeNonceAsync(NonceHash(claim.Nonce), Now, cancellationToken))
        {
            return await RefuseAsync(operation, context, device.SerialNo, MessageRefusal.Replay, "nonce unknown, expired or used", cancellationToken);
        }

        var mgmtId = device.MgmtId ?? ProtocolValues.NewId();
        IssuedDeviceCertificate? issued;
        try
        {
            issued = await IssueCertificateAsync(device.SerialNo, claim, mgmtId, $"{operation}:{message.Payload.Jti}", cancellationToken);
        }
        catch (Exception e) when (e is KeyVaultUnavailableException or InvalidOperationException)
        {
            // The vault is down, ROOT is missing, or only an unpublished successor CA could issue: the device asks again
            // later with a fresh nonce; nothing was written.
            await _audit.RefusedAsync(operation, context, device.SerialNo, MessageRefusal.None, "device CA unavailable: " + e.GetType().Name, EnrolmentErrors.NotAvailable.Code, cancellationToken);
            return EnrolmentErrors.NotAvailable;
        }

        if (issued is null)
        {
            return await RefuseAsync(operation, context, device.SerialNo, MessageRefusal.Payload, "CSR key was certified meanwhile", cancellationToken);
        }

        // A re-enrolment starts the device's sequence again (a reflashed device lost it); history stays in device_cert.
        var updated = device with { MgmtId = mgmtId, State = DeviceState.PendingConfirm, LastSeq = message.Payload.Seq, RotationDue = false, UpdatedAt = Now };
        if (!await _registry.TryUpdateDeviceAsync(updated, device.Version, cancellationToken))
        {
            await _certificates.TryChangeStatusAsync(issued.CertSerial, DeviceCertificateStatus.Pending, DeviceCertificateStatus.Revoked, "cessationOfOperation", Now, cancellationToken);
            return await RefuseAsync(operation, context, device.SerialNo, MessageRefusal.DeviceState, "device changed meanwhile", cancellationToken);
        }

        await _audit.SucceededAsync(operation, context, device.SerialNo, $"cert={issued.CertSerial} level={device.Certification}", cancellationToken);
        return await _responses.AnswerAsync(message, Result(mgmtId, issued.Chain.Select(c => c.RawData)), Policy, cancellationToken);
    }

    /// <summary>Issues and records a Pending certificate; null when its key was recorded meanwhile (a racing request).</summary>
    private async Task<IssuedDeviceCertificate?> IssueCertificateAsync(string serialNo, VerifiedClaim claim, string mgmtId, string rotationId, CancellationToken cancellationToken)
    {
        var issued = await _authority.IssueAsync(serialNo, claim.Organization, mgmtId, claim.Key, cancellationToken);
        var record = new DeviceCertificateRecord(
            issued.CertSerial,
            serialNo,
            issued.SpkiSha256,
            new DateTimeOffset(issued.Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(issued.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            DeviceCertificateStatus.Pending,
            null,
            null,
            rotationId,
            Convert.ToHexStringLower(SHA256.HashData(claim.Csr)),
            issued.Certificate.RawData);
        if (!await _certificates.TryInsertCertificateAsync(record, cancellationToken))
        {
            return null;
        }

        if (_transparency is not null && !await _transparency.RecordCertificateAsync(claim.Device, record, null, cancellationToken))
        {
            // Not in the transparency log, so not handed out: withdrawn, and the device asks again later.
            await _certificates.TryChangeStatusAsync(record.CertSerial, DeviceCertificateStatus.Pending, DeviceCertificateStatus.Revoked, "cessationOfOperation", Now, cancellationToken);
            throw new InvalidOperationException("The transparency log did not take the certificate.");
        }

        return issued;
    }

    /// <summary>The response to a retry (lost response, or an L0 device after its approval): the pending certificate again.</summary>
    private async Task<Result<string>> RedeliverAsync(EnrolmentMessage message, VerifiedClaim claim, DeviceCertificateRecord pending, EnrolmentRequestContext context, CancellationToken cancellationToken)
    {
        if (!await _store.TryConsumeNonceAsync(NonceHash(claim.Nonce), Now, cancellationToken))
        {
            return await RefuseAsync(EnrolmentAudit.Enrol, context, claim.Device.SerialNo, MessageRefusal.Replay, "nonce unknown, expired or used", cancellationToken);
        }

        var issuing = await _authority.GetTrustAnchorsAsync(cancellationToken);
        var chain = new List<byte[]> { pending.Der };
        chain.AddRange(issuing.IssuingCas.Take(1).Select(c => c.RawData));
        chain.Add(issuing.Root.RawData);
        await _audit.SucceededAsync(EnrolmentAudit.Enrol, context, claim.Device.SerialNo, $"cert={pending.CertSerial} redelivered", cancellationToken);
        return await _responses.AnswerAsync(message, Result(claim.Device.MgmtId!, chain), Policy, cancellationToken);
    }

    private async Task<Result<string>> QuarantineCloneAsync(EnrolmentMessage message, VerifiedClaim claim, EnrolmentRequestContext context, CancellationToken cancellationToken)
    {
        var device = claim.Device;

        // The claim is authenticated (a valid FTM signature over a fresh nonce of ours) yet names a key other than the
        // active one: two chips hold this identity. A bare serial never gets here.
        if (!await _store.TryConsumeNonceAsync(NonceHash(claim.Nonce), Now, cancellationToken))
        {
            return await RefuseAsync(EnrolmentAudit.Enrol, context, device.SerialNo, MessageRefusal.Replay, "nonce unknown, expired or used", cancellationToken);
        }

        var quarantined = device with { State = DeviceState.Quarantined, UpdatedAt = Now };
        var moved = await _registry.TryUpdateDeviceAsync(quarantined, device.Version, cancellationToken);
        await _audit.AlertAsync(device.SerialNo, moved, moved ? $"second FTM-signed key claim spki={claim.SpkiSha256[..16]}" : "second FTM-signed key claim; device changed meanwhile", context, cancellationToken);
        return await RefuseAsync(EnrolmentAudit.Enrol, context, device.SerialNo, MessageRefusal.DeviceState, "authenticated conflicting claim on an active serial", cancellationToken);
    }

    private async Task<Result<string>> RefuseAsync(string operation, EnrolmentRequestContext? context, string? serialNo, MessageRefusal refusal, string reason, CancellationToken cancellationToken)
    {
        await _audit.RefusedAsync(operation, context, serialNo, refusal, reason, EnrolmentErrors.EnrolmentRefused.Code, cancellationToken);
        return EnrolmentErrors.EnrolmentRefused;
    }

    private EnrollmentResultBody Result(string mgmtId, IEnumerable<byte[]> chain) =>
        new(mgmtId, [.. chain.Select(Convert.ToBase64String)], Policy);

    private static bool IsL0(DeviceRecord device) => string.Equals(device.Certification, "L0", StringComparison.Ordinal);

    private static string NonceHash(string nonce) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(nonce)));
}
