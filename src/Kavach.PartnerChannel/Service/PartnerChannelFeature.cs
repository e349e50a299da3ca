using Kavach.PartnerChannel.Partners;

namespace Kavach.PartnerChannel.Service;

/// <summary>The feature set on an accepted request.</summary>
internal sealed record PartnerChannelFeature(VerifiedPartner Partner, ChannelProfile Profile) : IPartnerChannelFeature;
