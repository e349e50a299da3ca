using Kavach.Trust.Channel;

namespace Kavach.PartnerChannel.Tests.Support;

/// <summary>A replay ledger whose database is down.</summary>
internal sealed class FailingLedger : IReplayLedger
{
    public ValueTask<bool> TryRecordAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        throw new TimeoutException("database down");

    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        throw new TimeoutException("database down");
}
