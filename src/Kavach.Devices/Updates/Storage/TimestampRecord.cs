namespace Kavach.Devices.Updates.Storage;

/// <summary>The current signed <c>timestamp.json</c> of one release (table <c>device_release_timestamp</c>), replaced by every refresh.</summary>
/// <param name="ReleaseCounter">The release it vouches for (primary key).</param>
/// <param name="Document">The signed document (UTF-8 JSON).</param>
/// <param name="Expires">Its expiry (signing time + 24 h).</param>
/// <param name="SignedAt">When it was signed.</param>
public sealed record TimestampRecord(long ReleaseCounter, string Document, DateTimeOffset Expires, DateTimeOffset SignedAt);
