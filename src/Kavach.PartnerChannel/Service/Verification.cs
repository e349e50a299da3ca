namespace Kavach.PartnerChannel.Service;

/// <summary>The outcome of a profile's request checks: exactly one of the two is set.</summary>
internal readonly record struct Verification(ChannelRefusal? Refusal, AcceptedRequest? Accepted)
{
    public static Verification Refuse(string reason) => new(ChannelRefusal.Refused(reason), null);

    public static Verification Accept(AcceptedRequest accepted) => new(null, accepted);
}
