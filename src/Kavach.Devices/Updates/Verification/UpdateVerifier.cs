using System.Security.Cryptography;

namespace Kavach.Devices.Updates.Verification;

/// <summary>
/// The device-side checks of signed updates (spec §4.9, TUF-lite), as pure functions of the documents' bytes, what the
/// device already trusts, and its trusted time; the device agent and the server's tests share them. The order a
/// device follows: <see cref="VerifyTrust"/> (only when a new trust document is offered), then
/// <see cref="VerifyRelease"/> (timestamp and manifest together), then <see cref="ArtifactDownload.CopyVerifiedAsync"/>
/// for each artifact. Every check fails closed; nothing is returned from a refused document.
/// </summary>
public static class UpdateVerifier
{
    /// <summary>
    /// Checks a trust document against the Release Root keys the device ships and the trust document it holds:
    /// signed by at least <paramref name="rootThreshold"/> root keys, not expired at <paramref name="trustedNow"/>, and
    /// either the first one (no <paramref name="current"/>), the same version with the same content, or exactly
    /// version + 1.
    /// </summary>
    /// <param name="document">The <c>trust.json</c> bytes as received.</param>
    /// <param name="rootKeys">The Release Root public keys (base64url DER SubjectPublicKeyInfo) shipped with the device.</param>
    /// <param name="rootThreshold">How many root keys must sign (1 for a single root key).</param>
    /// <param name="current">The trust document the device holds, or null before its first.</param>
    /// <param name="trustedNow">The device's trusted time.</param>
    public static UpdateCheck<TrustDocument> VerifyTrust(ReadOnlySpan<byte> document, IReadOnlyList<string> rootKeys, int rootThreshold, TrustDocument? current, DateTimeOffset trustedNow)
    {
        ArgumentNullException.ThrowIfNull(rootKeys);
        if (!SignedEnvelope.TryParse(document, out var envelope) || !UpdateDocumentCodec.TryReadTrust(envelope.Signed, out var trust))
        {
            return UpdateCheck.Refuse<TrustDocument>(UpdateRefusal.Malformed);
        }

        var signatures = UpdateSignatures.Check(envelope, UpdateRole.Trust, rootKeys, rootThreshold);
        if (signatures != UpdateRefusal.None)
        {
            return UpdateCheck.Refuse<TrustDocument>(signatures);
        }

        if (current is not null)
        {
            if (trust.Version < current.Version)
            {
                return UpdateCheck.Refuse<TrustDocument>(UpdateRefusal.Rollback);
            }

            if (trust.Version == current.Version && !SameContent(trust, current))
            {
                return UpdateCheck.Refuse<TrustDocument>(UpdateRefusal.VersionConflict);
            }

            if (trust.Version > current.Version + 1)
            {
                return UpdateCheck.Refuse<TrustDocument>(UpdateRefusal.VersionSkip);
            }
        }

        return trust.Expires <= trustedNow
            ? UpdateCheck.Refuse<TrustDocument>(UpdateRefusal.Expired)
            : UpdateCheck.Accept(trust);
    }

    /// <summary>
    /// Checks a timestamp and the release manifest it vouches for, for one device: the timestamp signed by a timestamp
    /// key of <paramref name="trust"/>, the manifest by <see cref="TrustDocument.Threshold"/> release keys; the
    /// manifest file's SHA-256 and counter equal to the timestamp's; trust, timestamp and manifest all unexpired at
    /// the trusted time (freeze); the counter above the installed one (rollback) and the installed one at least the
    /// manifest's minimum; the device's make/model and certification named by the manifest.
    /// </summary>
    /// <param name="timestampDocument">The <c>timestamp.json</c> bytes as received.</param>
    /// <param name="releaseDocument">The <c>releases/{n}.json</c> bytes as received.</param>
    /// <param name="trust">The trust document the device holds (verified earlier with <see cref="VerifyTrust"/>).</param>
    /// <param name="device">The device's installed release, identity and trusted time.</param>
    public static UpdateCheck<VerifiedRelease> VerifyRelease(ReadOnlySpan<byte> timestampDocument, ReadOnlySpan<byte> releaseDocument, TrustDocument trust, DeviceUpdateContext device)
    {
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(device);
        if (!SignedEnvelope.TryParse(timestampDocument, out var timestampEnvelope)
            || !UpdateDocumentCodec.TryReadTimestamp(timestampEnvelope.Signed, out var timestamp)
            || !SignedEnvelope.TryParse(releaseDocument, out var releaseEnvelope)
            || !UpdateDocumentCodec.TryReadRelease(releaseEnvelope.Signed, out var release))
        {
            return UpdateCheck.Refuse<VerifiedRelease>(UpdateRefusal.Malformed);
        }

        var refusal = UpdateSignatures.Check(timestampEnvelope, UpdateRole.Timestamp, trust.TimestampKeys, 1);
        if (refusal == UpdateRefusal.None)
        {
            refusal = UpdateSignatures.Check(releaseEnvelope, UpdateRole.Release, trust.ReleaseKeys, trust.Threshold);
        }

        if (refusal == UpdateRefusal.None)
        {
            refusal = CheckRelease(timestamp, release, Convert.ToHexStringLower(SHA256.HashData(releaseDocument)), trust, device);
        }

        return refusal == UpdateRefusal.None
            ? UpdateCheck.Accept(new VerifiedRelease(trust, timestamp, release))
            : UpdateCheck.Refuse<VerifiedRelease>(refusal);
    }

    private static UpdateRefusal CheckRelease(TimestampDocument timestamp, ReleaseManifest release, string releaseSha256, TrustDocument trust, DeviceUpdateContext device)
    {
        if (timestamp.ReleaseCounter != release.ReleaseCounter || !string.Equals(timestamp.ReleaseSha256, releaseSha256, StringComparison.Ordinal))
        {
            return UpdateRefusal.TimestampMismatch;
        }

        if (trust.Expires <= device.TrustedNow || timestamp.Expires <= device.TrustedNow || release.Expires <= device.TrustedNow)
        {
            return UpdateRefusal.Expired;
        }

        if (release.ReleaseCounter <= device.InstalledReleaseCounter)
        {
            return UpdateRefusal.Rollback;
        }

        if (device.InstalledReleaseCounter < release.MinReleaseCounter)
        {
            return UpdateRefusal.BelowMinimumRelease;
        }

        return release.HardwareIds.Contains(device.HardwareId, StringComparer.Ordinal) && release.Certification == device.Certification
            ? UpdateRefusal.None
            : UpdateRefusal.WrongHardware;
    }

    private static bool SameContent(TrustDocument a, TrustDocument b) =>
        a.Version == b.Version
        && a.Expires == b.Expires
        && a.Threshold == b.Threshold
        && a.ReleaseKeys.SequenceEqual(b.ReleaseKeys, StringComparer.Ordinal)
        && a.TimestampKeys.SequenceEqual(b.TimestampKeys, StringComparer.Ordinal);
}
