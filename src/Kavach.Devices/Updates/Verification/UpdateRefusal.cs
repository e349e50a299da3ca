namespace Kavach.Devices.Updates.Verification;

/// <summary>Why a device refuses update metadata or an artifact (spec §4.9, §5.3 update attacks); <see cref="None"/> when accepted.</summary>
public enum UpdateRefusal
{
    /// <summary>Accepted.</summary>
    None,

    /// <summary>Not a well-formed signed document of the expected role: bad JSON, unknown or missing members, wrong types, too large.</summary>
    Malformed,

    /// <summary>The document carries no signature.</summary>
    Unsigned,

    /// <summary>Fewer valid signatures by keys trusted for this role than the role's threshold (wrong key, wrong role, forged or altered).</summary>
    SignatureNotTrusted,

    /// <summary>The document's <c>expires</c> is not after the trusted time: a freeze (stale metadata replayed).</summary>
    Expired,

    /// <summary>A trust document whose version is lower than the installed one, or a release counter not above the installed one.</summary>
    Rollback,

    /// <summary>A trust document whose version skips ahead (only the installed version + 1 is accepted).</summary>
    VersionSkip,

    /// <summary>A trust document with the installed version but different content.</summary>
    VersionConflict,

    /// <summary>The release names neither this device's make/model nor its certification level.</summary>
    WrongHardware,

    /// <summary>The device's installed release is below the release's <c>minReleaseCounter</c>: an intermediate release is needed first.</summary>
    BelowMinimumRelease,

    /// <summary>The timestamp names another release or another manifest hash than the one offered (mix-and-match).</summary>
    TimestampMismatch,

    /// <summary>The artifact is longer than the manifest's <c>length</c>: the download was stopped at the cap (endless data).</summary>
    ArtifactTooLong,

    /// <summary>The artifact ended before the manifest's <c>length</c>.</summary>
    ArtifactTruncated,

    /// <summary>The artifact's SHA-256 differs from the manifest's.</summary>
    ArtifactHashMismatch,
}
