namespace Kavach.Devices.Updates.Verification;

/// <summary>A release whose trust document, timestamp and manifest all verified for one device: what it may download and install.</summary>
/// <param name="Trust">The trust document used.</param>
/// <param name="Timestamp">The timestamp that vouched for the manifest.</param>
/// <param name="Manifest">The manifest.</param>
public sealed record VerifiedRelease(TrustDocument Trust, TimestampDocument Timestamp, ReleaseManifest Manifest);
