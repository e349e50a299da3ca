namespace Kavach.Devices.Updates.Verification;

/// <summary><c>releases/{n}.json</c>: one firmware release, signed offline by release keys after four-eyes review.</summary>
/// <param name="ReleaseCounter">Monotonic release number; a device installs only a counter above its installed one.</param>
/// <param name="FirmwareVersion">The firmware version string devices report.</param>
/// <param name="HardwareIds">Every <c>make/model</c> the release is built for.</param>
/// <param name="Certification">L0 or L1.</param>
/// <param name="MinReleaseCounter">The lowest installed release it may be installed over (0: any).</param>
/// <param name="Artifacts">The files, with length and SHA-256.</param>
/// <param name="Expires">After this (trusted) time the manifest is refused.</param>
public sealed record ReleaseManifest(
    long ReleaseCounter,
    string FirmwareVersion,
    IReadOnlyList<string> HardwareIds,
    string Certification,
    long MinReleaseCounter,
    IReadOnlyList<ReleaseArtifact> Artifacts,
    DateTimeOffset Expires);
