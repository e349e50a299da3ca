using Kavach.Keys.Errors;
using Kavach.Trust.Channel;

namespace Kavach.PartnerChannel.Service;

/// <summary>Why the middleware did not pass a request on: the answer (status, code) and the audited reason.</summary>
internal sealed record ChannelRefusal(int Status, KavachError Error, string Reason)
{
    public static ChannelRefusal Refused(string reason) => new(401, ChannelErrors.RequestRefused, reason);

    public static ChannelRefusal TooLarge() => new(413, ChannelErrors.BodyTooLarge, "body larger than the limit");

    public static ChannelRefusal Unavailable(string reason) => new(503, ChannelErrors.NotAvailable, reason);

    public static ChannelRefusal BackendFailed(string fault) => new(502, ChannelErrors.BackendUnavailable, "protected service failed: " + fault);
}
