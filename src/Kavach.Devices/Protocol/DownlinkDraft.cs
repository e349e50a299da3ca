using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Protocol;

/// <summary>What a response says; <see cref="DownlinkWriter"/> adds <c>jti</c>, <c>seq</c>, <c>timestamp</c>, <c>serverTime</c>, <c>exp</c> and signs.</summary>
/// <param name="Kind">The request kind answered.</param>
/// <param name="InResponseTo">The request's <c>jti</c>.</param>
/// <param name="Audience">The device's serial.</param>
/// <param name="DigitalId">The device's signed digital id from the request, echoed (§4.13.1).</param>
/// <param name="Body">The kind's body (<see cref="EmptyBody"/> when there is nothing more to say).</param>
/// <param name="Commands">Commands to deliver, from <see cref="Commands.DeviceCommandCatalogue.Create"/>.</param>
/// <param name="Policy">The policy, when sent.</param>
/// <param name="PollAfterSeconds">When the device should call again.</param>
public sealed record DownlinkDraft(
    string Kind,
    string InResponseTo,
    string Audience,
    string DigitalId,
    IDownlinkBody Body,
    IReadOnlyList<DownlinkCommand>? Commands = null,
    DevicePolicy? Policy = null,
    int PollAfterSeconds = 900)
{
    /// <summary>A response to <paramref name="request"/>: same kind, <c>inResponseTo</c> its <c>jti</c>, <c>aud</c> its serial, its digital id echoed.</summary>
    public static DownlinkDraft ReplyTo(VerifiedUplink request, IDownlinkBody body, IReadOnlyList<DownlinkCommand>? commands = null, DevicePolicy? policy = null, int pollAfterSeconds = 900)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new DownlinkDraft(request.Payload.Kind, request.Payload.Jti, request.Payload.SerialNo, request.RawDigitalId, body, commands, policy, pollAfterSeconds);
    }
}
