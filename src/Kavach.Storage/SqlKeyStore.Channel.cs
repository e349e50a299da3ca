using Kavach.Trust.Channel;
using Kavach.Trust.Storage;

namespace Kavach.Storage;

/// <summary>The partner channel's tables (migration 0008) on the store's database; the statements live in <see cref="Trust.SqlTrustRepository"/>.</summary>
internal sealed partial class SqlKeyStore : IChannelPartnerRepository, IReplayLedger
{
    /// <inheritdoc />
    public Task<bool> InsertChannelPartnerAsync(ChannelPartnerRecord record, CancellationToken cancellationToken) =>
        trust.InsertChannelPartnerAsync(record, cancellationToken);

    /// <inheritdoc />
    public Task<ChannelPartnerRecord?> GetChannelPartnerAsync(string partnerId, CancellationToken cancellationToken) =>
        trust.GetChannelPartnerAsync(partnerId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ChannelPartnerRecord>> ListChannelPartnersAsync(CancellationToken cancellationToken) =>
        trust.ListChannelPartnersAsync(cancellationToken);

    /// <inheritdoc />
    public Task<bool> RenewChannelPartnerTlsAsync(string partnerId, string serial, DateTime notAfter, DateTime now, string updatedBy, CancellationToken cancellationToken) =>
        trust.RenewChannelPartnerTlsAsync(partnerId, serial, notAfter, now, updatedBy, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RevokeChannelPartnerAsync(string partnerId, string reason, DateTime now, string updatedBy, CancellationToken cancellationToken) =>
        trust.RevokeChannelPartnerAsync(partnerId, reason, now, updatedBy, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> TryRecordAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        trust.TryRecordAsync(key, expiresAt, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        trust.PurgeExpiredAsync(now, cancellationToken);
}
