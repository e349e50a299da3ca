namespace Kavach.Devices.Updates.Verification;

/// <summary>
/// <c>timestamp.json</c>: the online key's fresh statement that a release manifest is current, binding its counter to
/// the SHA-256 of the manifest file; re-signed hourly, valid 24 h, so withheld updates show as stale (freeze).
/// </summary>
/// <param name="ReleaseCounter">The release it vouches for.</param>
/// <param name="ReleaseSha256">Lower-case hex SHA-256 of the <c>releases/{n}.json</c> file as served.</param>
/// <param name="Expires">Signing time + 24 h.</param>
public sealed record TimestampDocument(long ReleaseCounter, string ReleaseSha256, DateTimeOffset Expires);
