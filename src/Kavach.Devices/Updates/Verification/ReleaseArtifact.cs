namespace Kavach.Devices.Updates.Verification;

/// <summary>One file of a release: its name, exact length and SHA-256 (lower-case hex), as the signed manifest states them.</summary>
/// <param name="Name">A plain file name (no path separators).</param>
/// <param name="Length">The exact length in bytes; the download is cut off past it.</param>
/// <param name="Sha256">Lower-case hex SHA-256; also its address on the server (<c>/v1/updates/artifacts/{sha256}</c>).</param>
public sealed record ReleaseArtifact(string Name, long Length, string Sha256);
