using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Kavach.Devices.Commands;
using Kavach.Devices.Policy;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Devices.Transparency;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Rotation;

/// <summary>
/// Server-triggered key rotation (spec §4.8): a device flagged by the daily job gets <c>rotateKey{rotationId,
/// deadline}</c> in its check-in responses; its request, signed with the current key, gets a Pending certificate for
/// the CSR (the same certificate again for the same rotation id and CSR, a refusal for a different CSR); its confirm,
/// over TLS with the new certificate and signed with the new key, activates the new certificate and revokes the old
/// one as <c>superseded</c> in one transaction. No confirm by the deadline: the pending certificate is revoked, the old
/// one stays until it expires, and an alert is raised. The CTK rules hold: a new key, a <c>notBefore</c> not before the
/// old one's, the same serial, make, model and organisation.
/// </summary>
public sealed class KeyRotationService : IDeviceCommandObserver
{
    /// <summary>The CRL reason of a rotated-out certificate.</summary>
    public const string SupersededReason = "superseded";

    /// <summary>The CRL reason of a rotation certificate never confirmed.</summary>
    public const string UnconfirmedReason = "cessationOfOperation";

    // A rotateKey stays in every check-in response until confirmed or past its deadline; the attempt limit is not the bound.
    private const int OfferAttempts = 1000;

    private const int MinRsaBits = 2048;

    private readonly DeviceCommandService _commandService;
    private readonly IDeviceCommandStore _commands;
    private readonly IDeviceRegistryStore _registry;
    private readonly IDeviceCertificateStore _certificates;
    private readonly IRotationCertificateIssuer _issuer;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly DevicePolicyOptions _policy;
    private readonly ILogger _logger;

    // Null only where a test composes the service without the transparency log.
    private readonly TransparencyRecorder? _transparency;

    /// <summary>Creates the service.</summary>
    public KeyRotationService(
        DeviceCommandService commandService,
        IDeviceCommandStore commands,
        IDeviceRegistryStore registry,
        IDeviceCertificateStore certificates,
        IRotationCertificateIssuer issuer,
        IDeviceAudit audit,
        TimeProvider time,
        DevicePolicyOptions policy,
        ILogger<KeyRotationService> logger,
        TransparencyRecorder? transparency = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        _commandService = commandService;
        _commands = commands;
        _registry = registry;
        _certificates = certificates;
        _issuer = issuer;
        _audit = audit;
        _time = time;
        _policy = policy;
        _logger = logger;
        _transparency = transparency;
    }

    /// <summary>
    /// The open <c>rotateKey</c> command for <paramref name="device"/>, creating it when the device is due and has
    /// none (marked delivered: it goes into the response being built); null when no rotation is open or due. Replicas
    /// answering the same device at once derive the same rotation id, so one rotation exists.
    /// </summary>
    public async Task<DeviceCommandRecord?> OfferAsync(DeviceRecord device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.State != DeviceState.Active)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        var rotations = (await _commands.ListCommandsAsync(device.SerialNo, null, 1000, cancellationToken))
            .Where(c => c.Kind == OperationsCommandKinds.RotateKey)
            .ToList();
        var open = rotations.FirstOrDefault(c => !c.State.IsFinal() && c.ExpiresAt > now);
        if (open is null)
        {
            if (!device.RotationDue)
            {
                return null;
            }

            var active = await ActiveCertificateAsync(device.SerialNo, cancellationToken);
            if (active is null)
            {
                return null;
            }

            var rotationId = DeriveRotationId(device.SerialNo, active.CertSerial, rotations.Count);
            var deadline = ProtocolTimestamp.TruncateToMilliseconds(now + _policy.RotationWindow);
            var args = JsonSerializer.Serialize(ProtocolJson.ToElement(new RotateKeyArguments(rotationId, ProtocolTimestamp.ToText(deadline)), DeviceProtocolJsonContext.Default.RotateKeyArguments));
            var created = await _commandService.EnqueueSystemAsync(device.SerialNo, OperationsCommandKinds.RotateKey, args, deadline, OfferAttempts, rotationId, cancellationToken);
            open = created.IsSuccess ? created.Value : await _commands.GetCommandAsync(rotationId, cancellationToken);
            if (open is null || open.State.IsFinal())
            {
                return null;
            }

            if (created.IsSuccess)
            {
                RotationLog.Offered(_logger, rotationId, device.SerialNo, deadline);
            }
        }

        if (open.State == DeviceCommandState.Queued && await _commands.TryMarkDeliveredAsync(open.CmdId, open.Attempts, now, cancellationToken))
        {
            open = open with { State = DeviceCommandState.Delivered, DeliveredAt = now, Attempts = open.Attempts + 1 };
        }

        return open;
    }

    /// <summary>
    /// <c>POST /v1/keys/rotate</c>: <paramref name="signingCertSerial"/> is the certificate that signed the request
    /// (and presented it over TLS), which must be the device's active one. Returns the pending certificate with its
    /// chain; refusals are audited and change nothing.
    /// </summary>
    public async Task<Result<RotationIssue>> RequestAsync(string serialNo, string signingCertSerial, string rotationId, ReadOnlyMemory<byte> csrDer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        ArgumentNullException.ThrowIfNull(signingCertSerial);
        ArgumentNullException.ThrowIfNull(rotationId);
        var now = _time.GetUtcNow();
        var device = await _registry.GetDeviceAsync(serialNo, cancellationToken);
        if (device is not { State: DeviceState.Active } || device.MgmtId is null)
        {
            return await RefuseAsync(now, "device.rotation.request", serialNo, DeviceOperationErrors.DeviceNotActive, "device not active", rotationId, cancellationToken);
        }

        var signer = await _certificates.GetCertificateAsync(signingCertSerial, cancellationToken);
        if (signer is null || signer.SerialNo != serialNo || signer.Status != DeviceCertificateStatus.Active)
        {
            return await RefuseAsync(now, "device.rotation.request", serialNo, DeviceOperationErrors.RotationWrongKey, "not signed with the active key", rotationId, cancellationToken);
        }

        if (!await IsOpenAsync(serialNo, rotationId, now, cancellationToken))
        {
            return await RefuseAsync(now, "device.rotation.request", serialNo, DeviceOperationErrors.NoPendingRotation, "no open rotateKey", rotationId, cancellationToken);
        }

        var csrSha256 = Convert.ToHexStringLower(SHA256.HashData(csrDer.Span));
        var earlier = (await _certificates.ListForDeviceAsync(serialNo, cancellationToken)).FirstOrDefault(c => c.RotationId == rotationId);
        if (earlier is not null)
        {
            return await RetryAsync(now, serialNo, rotationId, csrSha256, earlier, cancellationToken);
        }

        if (!TryReadCsr(csrDer, out var publicKey, out var reason))
        {
            return await RefuseAsync(now, "device.rotation.request", serialNo, DeviceOperationErrors.RotationCsrInvalid, reason, rotationId, cancellationToken);
        }

        using var oldCertificate = X509CertificateLoader.LoadCertificate(signer.Der);
        var spki = Convert.ToHexStringLower(SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo()));
        if (await _certificates.FindBySpkiAsync(spki, cancellationToken) is { } certified)
        {
            // The same request answered on another replica since the check above: its certificate is the answer.
            return string.Equals(certified.SerialNo, serialNo, StringComparison.Ordinal) && string.Equals(certified.RotationId, rotationId, StringComparison.Ordinal)
                ? await RetryAsync(now, serialNo, rotationId, csrSha256, certified, cancellationToken)
                : await RefuseAsync(now, "device.rotation.request", serialNo, DeviceOperationErrors.RotationCsrInvalid, "key already certified", rotationId, cancellationToken);
        }

        var organization = oldCertificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .FirstOrDefault(n => n.GetSingleElementType().Value == "2.5.4.10")?.GetSingleElementValue();
        if (string.IsNullOrEmpty(organization))
        {
            return await RefuseAsync(now, "device.rotation.request", serialNo, DeviceOperationErrors.RotationIssueFailed, "active certificate has no organisation", rotationId, cancellationToken);
        }

        var issued = await _issuer.IssueAsync(serialNo, organization, device.MgmtId, publicKey, cancellationToken);
        var newNotBefore = new DateTimeOffset(issued.Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

        // CTK SBI1022–1025: the new certificate differs, does not start before the old one, names the same device.
        if (newNotBefore < signer.NotBefore || issued.CertSerial == signer.CertSerial ||
            !string.Equals(issued.Certificate.GetNameInfo(X509NameType.SimpleName, false), serialNo, StringComparison.Ordinal))
        {
            return await RefuseAsync(now, "device.rotation.request", serialNo, DeviceOperationErrors.RotationIssueFailed, "issued certificate breaks the rotation rules", rotationId, cancellationToken);
        }

        var record = new DeviceCertificateRecord(
            issued.CertSerial, serialNo, issued.SpkiSha256, newNotBefore, new DateTimeOffset(issued.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            DeviceCertificateStatus.Pending, null, null, rotationId, csrSha256, issued.Certificate.RawData);
        if (!await _certificates.TryInsertCertificateAsync(record, cancellationToken))
        {
            // The same retry answered on another replica at the same moment: its certificate is the answer.
            var winner = (await _certificates.ListForDeviceAsync(serialNo, cancellationToken)).FirstOrDefault(c => c.RotationId == rotationId);
            return winner is null
                ? await RefuseAsync(now, "device.rotation.request", serialNo, DeviceOperationErrors.RotationCsrInvalid, "key already certified", rotationId, cancellationToken)
                : await RetryAsync(now, serialNo, rotationId, csrSha256, winner, cancellationToken);
        }

        if (_transparency is not null && !await _transparency.RecordCertificateAsync(device, record, signer.CertSerial, cancellationToken))
        {
            // Not in the transparency log, so not handed out: withdrawn; the device's retry of this rotation gets a new one.
            await _certificates.TryChangeStatusAsync(record.CertSerial, DeviceCertificateStatus.Pending, DeviceCertificateStatus.Revoked, "cessationOfOperation", now, cancellationToken);
            return await RefuseAsync(now, "device.rotation.request", serialNo, DeviceOperationErrors.RotationIssueFailed, "transparency log unavailable", rotationId, cancellationToken);
        }

        RotationLog.Issued(_logger, rotationId, serialNo, record.CertSerial);
        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.rotation.request", OperationsActors.Device(serialNo), DeviceAuditEvent.Success, serialNo, $"rotationId={rotationId} certSerial={record.CertSerial} oldCertSerial={signer.CertSerial}"), cancellationToken);
        return new RotationIssue(rotationId, record, issued.Chain);
    }

    /// <summary>
    /// <c>POST /v1/keys/rotate/confirm</c>: <paramref name="signingCertSerial"/> is the new certificate (TLS and
    /// signature), which must be this device's pending certificate of an open rotation. Activates it, revokes the old
    /// one as superseded, closes the rotation and clears the device's rotation flag. A repeated confirm of a rotation
    /// already confirmed returns the same certificate and changes nothing.
    /// </summary>
    public async Task<Result<DeviceCertificateRecord>> ConfirmAsync(string serialNo, string signingCertSerial, string rotationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        ArgumentNullException.ThrowIfNull(signingCertSerial);
        ArgumentNullException.ThrowIfNull(rotationId);
        var now = _time.GetUtcNow();
        var device = await _registry.GetDeviceAsync(serialNo, cancellationToken);
        if (device is not { State: DeviceState.Active })
        {
            return await RefuseAsync(now, "device.rotation.confirm", serialNo, DeviceOperationErrors.DeviceNotActive, "device not active", rotationId, cancellationToken);
        }

        var fresh = await _certificates.GetCertificateAsync(signingCertSerial, cancellationToken);
        if (fresh is null || fresh.SerialNo != serialNo || fresh.RotationId != rotationId)
        {
            return await RefuseAsync(now, "device.rotation.confirm", serialNo, DeviceOperationErrors.RotationWrongKey, "not signed with the rotation's new key", rotationId, cancellationToken);
        }

        var command = await _commands.GetCommandAsync(rotationId, cancellationToken);
        if (fresh.Status == DeviceCertificateStatus.Active && command?.State == DeviceCommandState.Succeeded)
        {
            return fresh;
        }

        if (fresh.Status != DeviceCertificateStatus.Pending || command is null || !await IsOpenAsync(serialNo, rotationId, now, cancellationToken))
        {
            return await RefuseAsync(now, "device.rotation.confirm", serialNo, DeviceOperationErrors.NoPendingRotation, "no open rotation for this certificate", rotationId, cancellationToken);
        }

        var old = await ActiveCertificateAsync(serialNo, cancellationToken);
        if (!await _certificates.TryActivateAsync(fresh.CertSerial, old?.CertSerial, SupersededReason, now, cancellationToken))
        {
            var reread = await _certificates.GetCertificateAsync(fresh.CertSerial, cancellationToken);
            if (reread?.Status != DeviceCertificateStatus.Active)
            {
                return await RefuseAsync(now, "device.rotation.confirm", serialNo, DeviceOperationErrors.NoPendingRotation, "activation lost a race", rotationId, cancellationToken);
            }
        }

        await _commands.TryChangeStateAsync(rotationId, command.State, command.Attempts, DeviceCommandState.Succeeded, $"{{\"certSerial\":\"{fresh.CertSerial}\"}}", now, cancellationToken);
        await ClearRotationDueAsync(serialNo, now, cancellationToken);
        RotationLog.Confirmed(_logger, rotationId, serialNo, fresh.CertSerial, old?.CertSerial ?? "-");
        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.rotation.confirm", OperationsActors.Device(serialNo), DeviceAuditEvent.Success, serialNo, $"rotationId={rotationId} certSerial={fresh.CertSerial} superseded={old?.CertSerial ?? "-"}"), cancellationToken);
        return (await _certificates.GetCertificateAsync(fresh.CertSerial, cancellationToken))!;
    }

    /// <summary>A <c>rotateKey</c> past its deadline: its pending certificate is revoked and an alert raised; the old certificate lives on.</summary>
    public async ValueTask OnTimedOutAsync(DeviceCommandRecord command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Kind != OperationsCommandKinds.RotateKey)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var revoked = 0;
        foreach (var pending in (await _certificates.ListForDeviceAsync(command.SerialNo, cancellationToken))
                     .Where(c => c.RotationId == command.CmdId && c.Status == DeviceCertificateStatus.Pending))
        {
            if (await _certificates.TryChangeStatusAsync(pending.CertSerial, DeviceCertificateStatus.Pending, DeviceCertificateStatus.Revoked, UnconfirmedReason, now, cancellationToken))
            {
                revoked++;
            }
        }

        RotationLog.Expired(_logger, command.CmdId, command.SerialNo, revoked);
        await _audit.RecordAsync(new DeviceAuditEvent(now, "device.rotation.expired", OperationsActors.System, DeviceAuditEvent.Success, command.SerialNo, $"rotationId={command.CmdId} pendingRevoked={revoked}"), cancellationToken);
    }

    // A rotation id derived from the device, its current certificate and how many rotations it had: every replica
    // offering at once computes the same id, and a rotation after a timed-out one gets a new id.
    private static string DeriveRotationId(string serialNo, string certSerial, int previousRotations)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"kavach-rotation|{serialNo}|{certSerial}|{previousRotations}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    private static bool TryReadCsr(ReadOnlyMemory<byte> csrDer, out PublicKey publicKey, out string reason)
    {
        publicKey = null!;
        try
        {
            // Loading checks the CSR's self-signature: proof of possession of the new key.
            var request = CertificateRequest.LoadSigningRequest(csrDer.Span, HashAlgorithmName.SHA256, out var consumed, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pkcs1);
            if (consumed != csrDer.Length)
            {
                reason = "trailing data after the CSR";
                return false;
            }

            using var rsa = request.PublicKey.GetRSAPublicKey();
            if (rsa is null || rsa.KeySize < MinRsaBits)
            {
                reason = "not an RSA key of at least 2048 bits";
                return false;
            }

            publicKey = request.PublicKey;
            reason = string.Empty;
            return true;
        }
        catch (CryptographicException)
        {
            reason = "malformed CSR or bad proof of possession";
            return false;
        }
    }

    private async Task<Result<RotationIssue>> RetryAsync(DateTimeOffset now, string serialNo, string rotationId, string csrSha256, DeviceCertificateRecord earlier, CancellationToken cancellationToken)
    {
        if (!string.Equals(earlier.CsrSha256, csrSha256, StringComparison.Ordinal))
        {
            return await RefuseAsync(now, "device.rotation.request", serialNo, DeviceOperationErrors.RotationCsrMismatch, "different CSR for the rotation id", rotationId, cancellationToken);
        }

        if (earlier.Status != DeviceCertificateStatus.Pending)
        {
            return await RefuseAsync(now, "device.rotation.request", serialNo, DeviceOperationErrors.NoPendingRotation, "rotation certificate no longer pending", rotationId, cancellationToken);
        }

        var certificate = X509CertificateLoader.LoadCertificate(earlier.Der);
        return new RotationIssue(rotationId, earlier, await _issuer.ChainOfAsync(certificate, cancellationToken));
    }

    private async Task<bool> IsOpenAsync(string serialNo, string rotationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var command = await _commands.GetCommandAsync(rotationId, cancellationToken);
        return command is { Kind: OperationsCommandKinds.RotateKey } && command.SerialNo == serialNo && !command.State.IsFinal() && command.ExpiresAt > now && command.Attempts > 0;
    }

    private async Task<DeviceCertificateRecord?> ActiveCertificateAsync(string serialNo, CancellationToken cancellationToken) =>
        (await _certificates.ListForDeviceAsync(serialNo, cancellationToken)).FirstOrDefault(c => c.Status == DeviceCertificateStatus.Active);

    private async Task ClearRotationDueAsync(string serialNo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var device = await _registry.GetDeviceAsync(serialNo, cancellationToken);
            if (device is null || !device.RotationDue || await _registry.TryUpdateDeviceAsync(device with { RotationDue = false, UpdatedAt = now }, device.Version, cancellationToken))
            {
                return;
            }
        }
    }

    private async Task<KavachError> RefuseAsync(DateTimeOffset now, string operation, string serialNo, KavachError error, string reason, string rotationId, CancellationToken cancellationToken)
    {
        RotationLog.Refused(_logger, serialNo, error.Code, reason);
        var safeId = ProtocolValues.IsUuidV4(rotationId) ? rotationId : "-";
        await _audit.RecordAsync(new DeviceAuditEvent(now, operation, OperationsActors.Device(serialNo), error.Code, serialNo, $"rotationId={safeId} reason={reason.Replace(' ', '_')}"), cancellationToken);
        return error;
    }
}
