namespace Kavach.Trust.Storage;

/// <summary>
/// The <c>channel_partner</c> table: partners onboarded for the partner channel. Every write is one statement whose
/// row condition decides between replicas racing (an insert on the primary key, updates only of an active partner).
/// </summary>
public interface IChannelPartnerRepository
{
    /// <summary>Stores a new partner; false when a partner with this id exists (the primary key decides).</summary>
    Task<bool> InsertChannelPartnerAsync(ChannelPartnerRecord record, CancellationToken cancellationToken);

    /// <summary>The partner with this id, or null.</summary>
    Task<ChannelPartnerRecord?> GetChannelPartnerAsync(string partnerId, CancellationToken cancellationToken);

    /// <summary>Every partner, by id.</summary>
    Task<IReadOnlyList<ChannelPartnerRecord>> ListChannelPartnersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="serial"/> the current TLS serial of an active partner, keeping the one it replaces as the
    /// previous serial until that one's end of validity; false when no active partner has this id.
    /// </summary>
    Task<bool> RenewChannelPartnerTlsAsync(string partnerId, string serial, DateTime notAfter, DateTime now, string updatedBy, CancellationToken cancellationToken);

    /// <summary>Marks an active partner revoked; false when no active partner has this id.</summary>
    Task<bool> RevokeChannelPartnerAsync(string partnerId, string reason, DateTime now, string updatedBy, CancellationToken cancellationToken);
}
