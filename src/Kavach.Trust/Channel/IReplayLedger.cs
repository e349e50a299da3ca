namespace Kavach.Trust.Channel;

/// <summary>
/// Remembers which request identifiers (a nonce, a JWS signature hash) were already accepted, until they fall out of the
/// time window. Shared by every replica when the store is PostgreSQL, so a request replayed against another replica is
/// still refused.
/// </summary>
public interface IReplayLedger
{
    /// <summary>
    /// Records <paramref name="key"/> until <paramref name="expiresAt"/>; true when it was not recorded before (the
    /// request is new), false when it was (a replay). Atomic across replicas.
    /// </summary>
    ValueTask<bool> TryRecordAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Forgets entries that expired before <paramref name="now"/>; returns how many.</summary>
    ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
