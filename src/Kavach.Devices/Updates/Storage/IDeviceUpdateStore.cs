namespace Kavach.Devices.Updates.Storage;

/// <summary>
/// The update tables (migration 0012): trust documents, releases with SBI records, timestamps, artifact metadata,
/// rollouts and their members. Implemented by Kavach.Storage on SQLite and PostgreSQL; every write that two replicas
/// could race on is one conditional statement or a primary key.
/// </summary>
public interface IDeviceUpdateStore
{
    /// <summary>Records a trust document; false, nothing written, when its version exists.</summary>
    Task<bool> TryInsertTrustAsync(TrustRecord trust, CancellationToken cancellationToken);

    /// <summary>The trust document with the highest version, or null.</summary>
    Task<TrustRecord?> GetLatestTrustAsync(CancellationToken cancellationToken);

    /// <summary>Records a release; false, nothing written, when its counter exists.</summary>
    Task<bool> TryInsertReleaseAsync(ReleaseRecord release, CancellationToken cancellationToken);

    /// <summary>The release with this counter, or null.</summary>
    Task<ReleaseRecord?> GetReleaseAsync(long releaseCounter, CancellationToken cancellationToken);

    /// <summary>Every release, highest counter first.</summary>
    Task<IReadOnlyList<ReleaseRecord>> ListReleasesAsync(CancellationToken cancellationToken);

    /// <summary>Sets (or replaces) a release's SBI record; false when the release does not exist.</summary>
    Task<bool> TrySetSbiAsync(long releaseCounter, SbiRecord sbi, CancellationToken cancellationToken);

    /// <summary>Stores a release's timestamp, replacing the previous one unless that one was signed later.</summary>
    Task UpsertTimestampAsync(TimestampRecord timestamp, CancellationToken cancellationToken);

    /// <summary>A release's current timestamp, or null.</summary>
    Task<TimestampRecord?> GetTimestampAsync(long releaseCounter, CancellationToken cancellationToken);

    /// <summary>Records an artifact's metadata; false when one with that hash exists.</summary>
    Task<bool> TryInsertArtifactAsync(ArtifactRecord artifact, CancellationToken cancellationToken);

    /// <summary>The artifact with this hash, or null.</summary>
    Task<ArtifactRecord?> GetArtifactAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Records a rollout; false when its id exists.</summary>
    Task<bool> TryInsertRolloutAsync(RolloutRecord rollout, CancellationToken cancellationToken);

    /// <summary>The rollout with this id, or null.</summary>
    Task<RolloutRecord?> GetRolloutAsync(string rolloutId, CancellationToken cancellationToken);

    /// <summary>Every rollout, newest first.</summary>
    Task<IReadOnlyList<RolloutRecord>> ListRolloutsAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the rollout when its stored version is <paramref name="expectedVersion"/>, storing <c>expectedVersion + 1</c>; false otherwise.</summary>
    Task<bool> TryUpdateRolloutAsync(RolloutRecord rollout, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the rollout from <paramref name="expectedVersion"/> to <paramref name="rollout"/> and inserts its members in
    /// one transaction (the start on approval); false, nothing written, when the version moved on.
    /// </summary>
    Task<bool> TryStartRolloutAsync(RolloutRecord rollout, long expectedVersion, IReadOnlyList<RolloutMemberRecord> members, CancellationToken cancellationToken);

    /// <summary>One device's memberships in every rollout.</summary>
    Task<IReadOnlyList<RolloutMemberRecord>> ListMembershipsAsync(string serialNo, CancellationToken cancellationToken);

    /// <summary>Moves a member from <paramref name="from"/> to <paramref name="to"/>; false when it was not in <paramref name="from"/>.</summary>
    Task<bool> TryChangeMemberStatusAsync(string rolloutId, string serialNo, RolloutMemberStatus from, RolloutMemberStatus to, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Counts per group of one rollout, by group index.</summary>
    Task<IReadOnlyList<RolloutGroupCounts>> CountGroupsAsync(string rolloutId, CancellationToken cancellationToken);
}
