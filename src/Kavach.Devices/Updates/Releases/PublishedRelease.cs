using Kavach.Devices.Updates.Storage;

namespace Kavach.Devices.Updates.Releases;

/// <summary>A release as the admin API shows it: the record and its current timestamp's expiry.</summary>
/// <param name="Release">The release.</param>
/// <param name="TimestampExpires">When its current timestamp expires, or null when it has none.</param>
public sealed record PublishedRelease(ReleaseRecord Release, DateTimeOffset? TimestampExpires);
