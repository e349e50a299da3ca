using Kavach.PartnerChannel.Partners;

namespace Kavach.PartnerChannel;

/// <summary>
/// The HTTP context feature the partner channel middleware sets on a verified request: who the partner is and which
/// profile it spoke. Absent on any request the middleware did not accept.
/// </summary>
public interface IPartnerChannelFeature
{
    /// <summary>The verified partner.</summary>
    VerifiedPartner Partner { get; }

    /// <summary>The profile of the request.</summary>
    ChannelProfile Profile { get; }
}
