namespace Kavach.Trust.Channel;

/// <summary>
/// Looks up onboarded partners for the partner channel. Reads the database on every call (one primary-key read), so a
/// revocation made on any replica takes effect on the next request everywhere.
/// </summary>
public interface IChannelPartnerDirectory
{
    /// <summary>The partner named <paramref name="partnerId"/>, or null when none was onboarded under that id.</summary>
    Task<ChannelPartner?> FindAsync(string partnerId, CancellationToken cancellationToken);
}
