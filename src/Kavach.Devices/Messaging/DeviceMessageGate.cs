using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;
using Kavach.Devices.Protocol;
using Kavach.Devices.Registry;
using Kavach.Trust.Channel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Messaging;

/// <summary>
/// The full server-side check of an enrolled device's message (spec §4.3 steps 2–7): the <see cref="UplinkReader"/>;
/// the device certificate chains to a device issuing CA (EKU clientAuth, inside its validity); its registry row is in a
/// status the route allows and belongs to the payload's device, whose state the route allows; the <c>jti</c> is new
/// (replay ledger, shared by replicas); the <c>seq</c> advances atomically; the digital id is signed by the enrolled FTM
/// certificate (L1) or the device certificate (L0) and its fields equal the registry record.
/// </summary>
/// <remarks>
/// Cheap and read-only checks run first; the two writes (the <c>jti</c> and the <c>seq</c>) happen only for a message
/// that passed everything else, so a refused message changes nothing a later message depends on. Every refusal is
/// <see cref="DeviceMessageErrors.MessageRefused"/> to the device, an audit event and a debug log line with the reason.
/// </remarks>
public sealed class DeviceMessageGate
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private readonly UplinkReader _reader;
    private readonly IDeviceCaCertificates _authorities;
    private readonly IDeviceRegistryStore _registry;
    private readonly IDeviceCertificateStore _certificates;
    private readonly IReplayLedger _ledger;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly DeviceMessageGateOptions _options;
    private readonly ILogger _logger;
    private readonly Func<string, CancellationToken, ValueTask<string?>>? _providerName;

    /// <summary>Creates the gate.</summary>
    /// <param name="keys">The server's message keys (JWE decryption).</param>
    /// <param name="authorities">The device CA certificates.</param>
    /// <param name="registry">The device registry.</param>
    /// <param name="certificates">The device certificate registry.</param>
    /// <param name="ledger">The replay ledger shared by replicas.</param>
    /// <param name="audit">Where refusals are recorded.</param>
    /// <param name="time">The server clock.</param>
    /// <param name="options">Limits; defaults when null.</param>
    /// <param name="logger">Debug log of refusals.</param>
    /// <param name="providerName">Looks up a provider's name by id, to compare the digital id's <c>deviceProvider</c>; when null only <c>deviceProviderId</c> is compared.</param>
    public DeviceMessageGate(
        IDeviceServerKeys keys,
        IDeviceCaCertificates authorities,
        IDeviceRegistryStore registry,
        IDeviceCertificateStore certificates,
        IReplayLedger ledger,
        IDeviceAudit audit,
        TimeProvider time,
        DeviceMessageGateOptions? options = null,
        ILogger<DeviceMessageGate>? logger = null,
        Func<string, CancellationToken, ValueTask<string?>>? providerName = null)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        _options = (options ?? new DeviceMessageGateOptions()).Validate();
        _reader = new UplinkReader(keys, time, _options.Reader);
        _authorities = authorities;
        _registry = registry;
        _certificates = certificates;
        _ledger = ledger;
        _audit = audit;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _providerName = providerName;
    }

    /// <summary>Checks a request body from an enrolled device on <paramref name="route"/>.</summary>
    /// <param name="body">The request body (<c>application/jose</c>).</param>
    /// <param name="route">The endpoint's route.</param>
    /// <param name="tlsClientCertificate">The TLS client certificate of the connection, if any.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async ValueTask<MessageCheck<AdmittedMessage>> CheckAsync(ReadOnlyMemory<byte> body, GateRoute route, X509Certificate2? tlsClientCertificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        MessageCheck<VerifiedUplink> read = await _reader.ReadAsync(body, route.Uplink, tlsClientCertificate, cancellationToken).ConfigureAwait(false);
        MessageCheck<AdmittedMessage> result = read.IsSuccess
            ? await AdmitAsync(read.Value, route, cancellationToken).ConfigureAwait(false)
            : read.Forward<AdmittedMessage>();
        if (!result.IsSuccess)
        {
            // Only a verified signature makes the claimed serial worth recording; before that it is anyone's text.
            string serialNo = read.IsSuccess ? read.Value.Payload.SerialNo : "unauthenticated";
            DeviceMessageLog.Refused(_logger, route.Uplink.Kind, result.Refusal, result.Detail ?? string.Empty, serialNo);
            await _audit.RecordAsync(
                new DeviceAuditEvent(
                    _time.GetUtcNow(),
                    "device.message.refused",
                    read.IsSuccess ? serialNo : "anonymous",
                    result.Error.Code,
                    read.IsSuccess ? serialNo : null,
                    $"kind={route.Uplink.Kind} reason={result.Refusal}"),
                cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async ValueTask<MessageCheck<AdmittedMessage>> AdmitAsync(VerifiedUplink message, GateRoute route, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        X509Certificate2 certificate = message.SignerCertificate;
        DeviceTrustAnchors anchors = await _authorities.GetTrustAnchorsAsync(cancellationToken).ConfigureAwait(false);
        if (!ChainsToDeviceCa(certificate, anchors, now))
        {
            return Refuse(MessageRefusal.CertificateChain, "device certificate does not chain to a device CA with clientAuth at this time");
        }

        DeviceCertificateRecord? row = await _certificates.GetCertificateAsync(certificate.SerialNumber, cancellationToken).ConfigureAwait(false);
        if (row is null
            || !row.Der.AsSpan().SequenceEqual(certificate.RawDataMemory.Span)
            || !string.Equals(row.SerialNo, message.Payload.SerialNo, StringComparison.Ordinal)
            || !route.CertificateStatuses.Contains(row.Status))
        {
            return Refuse(MessageRefusal.CertificateStatus, "certificate unknown, not this device's, or in a status the route refuses");
        }

        DeviceRecord? device = await _registry.GetDeviceAsync(message.Payload.SerialNo, cancellationToken).ConfigureAwait(false);
        if (device is null
            || !route.DeviceStates.Contains(device.State)
            || !string.Equals(device.MgmtId, message.Payload.MgmtId, StringComparison.Ordinal))
        {
            return Refuse(MessageRefusal.DeviceState, "device unknown, in a state the route refuses, or another management id");
        }

        if (!SignedByEnrolledIdentity(message, device))
        {
            return Refuse(MessageRefusal.DigitalIdSigner, "digital id not signed by the enrolled FTM certificate (L1) or the device certificate (L0)");
        }

        if (!await FieldsMatchAsync(message, device, cancellationToken).ConfigureAwait(false))
        {
            return Refuse(MessageRefusal.DigitalIdMismatch, "digital id fields differ from the registry record");
        }

        string ledgerKey = $"dev|{device.SerialNo}|{message.Payload.Jti}";
        if (!await _ledger.TryRecordAsync(ledgerKey, now + _options.EffectiveReplayRetention, cancellationToken).ConfigureAwait(false))
        {
            return Refuse(MessageRefusal.Replay, "jti seen before");
        }

        if (!await _registry.TryAdvanceSequenceAsync(device.SerialNo, message.Payload.Seq, now, cancellationToken).ConfigureAwait(false))
        {
            return Refuse(MessageRefusal.Sequence, "seq not above the last accepted");
        }

        return MessageCheck<AdmittedMessage>.Ok(new AdmittedMessage(message, device, row));
    }

    private static bool ChainsToDeviceCa(X509Certificate2 certificate, DeviceTrustAnchors anchors, DateTimeOffset now)
    {
        if (certificate.Extensions["2.5.29.37"] is not X509EnhancedKeyUsageExtension eku
            || !eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ClientAuthOid)
            || certificate.Extensions["2.5.29.19"] is X509BasicConstraintsExtension { CertificateAuthority: true })
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(anchors.Root);
        foreach (X509Certificate2 issuing in anchors.IssuingCas)
        {
            chain.ChainPolicy.ExtraStore.Add(issuing);
        }

        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthOid));
        try
        {
            // The registry is the revocation authority (checked next), so the chain only proves who issued it, and when.
            return chain.Build(certificate)
                && chain.ChainElements.Count >= 3
                && anchors.IssuingCas.Any(ca => ca.RawDataMemory.Span.SequenceEqual(chain.ChainElements[1].Certificate.RawDataMemory.Span))
                && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(anchors.Root.RawDataMemory.Span);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool SignedByEnrolledIdentity(VerifiedUplink message, DeviceRecord device)
    {
        X509Certificate2 signer = message.DigitalId.Signer;
        return device.Certification switch
        {
            "L1" => device.FtmCertSha256 is { Length: 64 }
                && CryptographicOperations.FixedTimeEquals(
                    SHA256.HashData(signer.RawDataMemory.Span),
                    Convert.FromHexString(device.FtmCertSha256)),
            "L0" => signer.RawDataMemory.Span.SequenceEqual(message.SignerCertificate.RawDataMemory.Span),
            _ => false,
        };
    }

    private async ValueTask<bool> FieldsMatchAsync(VerifiedUplink message, DeviceRecord device, CancellationToken cancellationToken)
    {
        Protocol.DigitalIds.DigitalIdPayload id = message.DigitalId.Payload;
        bool same = string.Equals(id.SerialNo, device.SerialNo, StringComparison.Ordinal)
            && string.Equals(id.Make, device.Make, StringComparison.Ordinal)
            && string.Equals(id.Model, device.Model, StringComparison.Ordinal)
            && string.Equals(id.Type, device.Type, StringComparison.Ordinal)
            && string.Equals(id.DeviceSubType, device.DeviceSubType, StringComparison.Ordinal)
            && string.Equals(id.DeviceProviderId, device.ProviderId, StringComparison.Ordinal);
        if (!same || _providerName is null)
        {
            return same;
        }

        string? name = await _providerName(device.ProviderId, cancellationToken).ConfigureAwait(false);
        return string.Equals(id.DeviceProvider, name, StringComparison.Ordinal);
    }

    private static MessageCheck<AdmittedMessage> Refuse(MessageRefusal refusal, string detail) =>
        MessageCheck<AdmittedMessage>.Refuse(DeviceMessageErrors.MessageRefused, refusal, detail);
}
