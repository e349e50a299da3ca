using System.Security.Cryptography;
using System.Text;
using Kavach.Devices.Registry;
using Kavach.Devices.Transparency;
using Kavach.Devices.Updates.Storage;
using Kavach.Devices.Updates.Timestamps;
using Kavach.Devices.Updates.Verification;
using Kavach.Keys.Audit;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Updates.Releases;

/// <summary>
/// Publishing and serving the signed update documents (spec §4.9, §4.13.3). The server only stores what the operator
/// signed offline: a <c>trust.json</c> is accepted when the configured Release Root signed it and it is the current
/// version + 1; a release manifest when release keys of the current trust document signed it (its threshold), it has
/// not expired and every artifact it names is uploaded with that length. MOSIP's SBI record is attached separately;
/// without it a release cannot be rolled out. Every publication, refusal and SBI change is audited.
/// </summary>
public sealed class UpdateMetadataService
{
    private readonly IDeviceUpdateStore _store;
    private readonly TimestampService _timestamps;
    private readonly IDeviceAudit _audit;
    private readonly UpdateOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<UpdateMetadataService> _logger;

    // Null only where a test composes the service without the transparency log.
    private readonly TransparencyRecorder? _transparency;

    /// <summary>Creates the service.</summary>
    public UpdateMetadataService(IDeviceUpdateStore store, TimestampService timestamps, IDeviceAudit audit, UpdateOptions options, TimeProvider time, ILogger<UpdateMetadataService> logger, TransparencyRecorder? transparency = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _timestamps = timestamps;
        _audit = audit;
        _options = options;
        _time = time;
        _logger = logger;
        _transparency = transparency;
    }

    /// <summary>Publishes a <c>trust.json</c> signed offline by the Release Root; the same document again is accepted without change.</summary>
    public async Task<Result<TrustDocument>> PublishTrustAsync(ReadOnlyMemory<byte> document, string principal, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(principal);
        const string Operation = "device.update.trust.publish";
        if (_options.RootKeys.Count == 0)
        {
            return await RefuseAsync(Operation, principal, "root-keys-not-configured", UpdateErrors.DocumentRefused, cancellationToken);
        }

        var current = await GetTrustAsync(cancellationToken);
        var check = UpdateVerifier.VerifyTrust(document.Span, [.. _options.RootKeys], _options.RootThreshold, current, _time.GetUtcNow());
        if (!check.IsAccepted)
        {
            return await RefuseAsync(Operation, principal, check.Refusal.ToString(), UpdateErrors.DocumentRefused, cancellationToken);
        }

        var trust = check.Value!;
        if (current is not null && trust.Version == current.Version)
        {
            return trust;
        }

        var record = new TrustRecord(trust.Version, trust.Expires, Encoding.UTF8.GetString(document.Span), principal, _time.GetUtcNow());
        if (!await _store.TryInsertTrustAsync(record, cancellationToken))
        {
            return await RefuseAsync(Operation, principal, "version-taken", UpdateErrors.DocumentRefused, cancellationToken);
        }

        await RecordAsync(Operation, principal, AuditOutcomes.Success, $"version={trust.Version}", cancellationToken);
        return trust;
    }

    /// <summary>Publishes a release manifest signed offline by release keys, and signs its first timestamp.</summary>
    public async Task<Result<ReleaseRecord>> PublishReleaseAsync(ReadOnlyMemory<byte> document, string principal, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(principal);
        const string Operation = "device.update.release.publish";
        var trust = await GetTrustAsync(cancellationToken);
        var now = _time.GetUtcNow();
        if (trust is null || trust.Expires <= now)
        {
            return await RefuseAsync(Operation, principal, trust is null ? "no-trust" : "trust-expired", UpdateErrors.NoTrustDocument, cancellationToken);
        }

        if (!StoredDocuments.TryReadRelease(document.Span, out var manifest, out var refusal, trust))
        {
            return await RefuseAsync(Operation, principal, refusal.ToString(), UpdateErrors.DocumentRefused, cancellationToken);
        }

        if (manifest.Expires <= now)
        {
            return await RefuseAsync(Operation, principal, nameof(UpdateRefusal.Expired), UpdateErrors.DocumentRefused, cancellationToken);
        }

        foreach (var artifact in manifest.Artifacts)
        {
            if (await _store.GetArtifactAsync(artifact.Sha256, cancellationToken) is not { } stored || stored.Length != artifact.Length)
            {
                return await RefuseAsync(Operation, principal, "artifact-missing sha256=" + artifact.Sha256, UpdateErrors.ArtifactMissing, cancellationToken);
            }
        }

        var release = new ReleaseRecord(
            manifest.ReleaseCounter,
            manifest.FirmwareVersion,
            manifest.HardwareIds,
            manifest.Certification,
            manifest.MinReleaseCounter,
            manifest.Expires,
            Encoding.UTF8.GetString(document.Span),
            Convert.ToHexStringLower(SHA256.HashData(document.Span)),
            null,
            principal,
            now);
        // Logged before it is stored: a release no device can see in the transparency log is never served.
        if (await _store.GetReleaseAsync(release.ReleaseCounter, cancellationToken) is null && _transparency is not null &&
            !await _transparency.RecordReleaseAsync(release.ReleaseCounter, release.DocumentSha256, cancellationToken))
        {
            return await RefuseAsync(Operation, principal, $"transparency-log-unavailable releaseCounter={release.ReleaseCounter}", UpdateErrors.TransparencyLogUnavailable, cancellationToken);
        }

        if (!await _store.TryInsertReleaseAsync(release, cancellationToken))
        {
            return await RefuseAsync(Operation, principal, $"exists releaseCounter={release.ReleaseCounter}", UpdateErrors.ReleaseExists, cancellationToken);
        }

        await RecordAsync(Operation, principal, AuditOutcomes.Success, $"releaseCounter={release.ReleaseCounter} sha256={release.DocumentSha256}", cancellationToken);
        await _timestamps.SignAsync(release, cancellationToken);
        return release;
    }

    /// <summary>Attaches (or corrects) MOSIP's SBI record of a release.</summary>
    public async Task<Result<ReleaseRecord>> SetSbiAsync(long releaseCounter, SbiRecord sbi, string principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sbi);
        ArgumentException.ThrowIfNullOrEmpty(principal);
        const string Operation = "device.update.release.sbi";
        if (!sbi.IsValid)
        {
            return await RefuseAsync(Operation, principal, $"releaseCounter={releaseCounter}", UpdateErrors.InvalidSbi, cancellationToken);
        }

        if (!await _store.TrySetSbiAsync(releaseCounter, sbi, cancellationToken))
        {
            return await RefuseAsync(Operation, principal, $"releaseCounter={releaseCounter}", UpdateErrors.ReleaseNotFound, cancellationToken);
        }

        await RecordAsync(Operation, principal, AuditOutcomes.Success, $"releaseCounter={releaseCounter} swVersion={Sanitise(sbi.SwVersion)}", cancellationToken);
        return (await _store.GetReleaseAsync(releaseCounter, cancellationToken))!;
    }

    /// <summary>Every release, highest first, with its timestamp's expiry.</summary>
    public async Task<IReadOnlyList<PublishedRelease>> ListReleasesAsync(CancellationToken cancellationToken)
    {
        var releases = await _store.ListReleasesAsync(cancellationToken);
        var result = new List<PublishedRelease>(releases.Count);
        foreach (var release in releases)
        {
            var timestamp = await _store.GetTimestampAsync(release.ReleaseCounter, cancellationToken);
            result.Add(new PublishedRelease(release, timestamp?.Expires));
        }

        return result;
    }

    /// <summary>The current <c>trust.json</c> bytes (GET /v1/updates/trust.json).</summary>
    public async Task<Result<byte[]>> GetTrustDocumentAsync(CancellationToken cancellationToken) =>
        await _store.GetLatestTrustAsync(cancellationToken) is { } trust
            ? Encoding.UTF8.GetBytes(trust.Document)
            : UpdateErrors.NoTrustDocument;

    /// <summary>The <c>releases/{n}.json</c> bytes.</summary>
    public async Task<Result<byte[]>> GetReleaseDocumentAsync(long releaseCounter, CancellationToken cancellationToken) =>
        await _store.GetReleaseAsync(releaseCounter, cancellationToken) is { } release
            ? Encoding.UTF8.GetBytes(release.Document)
            : UpdateErrors.ReleaseNotFound;

    /// <summary>
    /// The <c>timestamp.json</c> bytes of release <paramref name="releaseCounter"/> (the highest release when null);
    /// signed on the spot when the stored one is missing or expired, refused for an expired release.
    /// </summary>
    public async Task<Result<byte[]>> GetTimestampDocumentAsync(long? releaseCounter, CancellationToken cancellationToken)
    {
        var release = releaseCounter is { } counter
            ? await _store.GetReleaseAsync(counter, cancellationToken)
            : await LatestReleaseAsync(cancellationToken);
        var now = _time.GetUtcNow();
        if (release is null)
        {
            return UpdateErrors.ReleaseNotFound;
        }

        if (release.Expires <= now)
        {
            return UpdateErrors.MetadataNotAvailable;
        }

        var timestamp = await _store.GetTimestampAsync(release.ReleaseCounter, cancellationToken);
        if (timestamp is null || timestamp.Expires <= now)
        {
            timestamp = await _timestamps.SignAsync(release, cancellationToken);
        }

        return Encoding.UTF8.GetBytes(timestamp.Document);
    }

    /// <summary>The current trust document, or null before the first.</summary>
    public async Task<TrustDocument?> GetTrustAsync(CancellationToken cancellationToken) =>
        await _store.GetLatestTrustAsync(cancellationToken) is { } record && StoredDocuments.TryReadTrust(record.Document, out var trust)
            ? trust
            : null;

    private async Task<ReleaseRecord?> LatestReleaseAsync(CancellationToken cancellationToken)
    {
        var releases = await _store.ListReleasesAsync(cancellationToken);
        return releases.Count == 0 ? null : releases[0];
    }

    private static string Sanitise(string value) =>
        string.Concat(value.Select(c => char.IsWhiteSpace(c) || char.IsControl(c) ? '_' : c));

    private async Task<KavachError> RefuseAsync(string operation, string principal, string reason, KavachError error, CancellationToken cancellationToken)
    {
        UpdateLog.DocumentRefused(_logger, operation, reason);
        await RecordAsync(operation, principal, error.Code, "reason=" + Sanitise(reason), cancellationToken);
        return error;
    }

    private ValueTask RecordAsync(string operation, string principal, string outcome, string? detail, CancellationToken cancellationToken) =>
        _audit.RecordAsync(new DeviceAuditEvent(_time.GetUtcNow(), operation, principal, outcome, null, detail), cancellationToken);
}
