using Kavach.Devices.Updates.Releases;

namespace Kavach.Devices.Server.Admin;

/// <summary>A published release as the admin API shows it (the signed document stays in the store and is what devices fetch).</summary>
public sealed record ReleaseView(
    long ReleaseCounter,
    string FirmwareVersion,
    IReadOnlyList<string> HardwareIds,
    string Certification,
    long MinReleaseCounter,
    DateTimeOffset Expires,
    string DocumentSha256,
    string PublishedBy,
    DateTimeOffset PublishedAt,
    DateTimeOffset? TimestampExpires)
{
    /// <summary>The view of <paramref name="published"/>.</summary>
    public static ReleaseView Of(PublishedRelease published)
    {
        ArgumentNullException.ThrowIfNull(published);
        var r = published.Release;
        return new(r.ReleaseCounter, r.FirmwareVersion, r.HardwareIds, r.Certification, r.MinReleaseCounter, r.Expires, r.DocumentSha256, r.PublishedBy, r.PublishedAt, published.TimestampExpires);
    }
}
