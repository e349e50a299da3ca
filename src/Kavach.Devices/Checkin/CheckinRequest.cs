using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Checkin;

/// <summary>A verified check-in: the device (from its certificate), the request's <c>jti</c> and signed digital id (echoed in the response), the telemetry.</summary>
/// <param name="SerialNo">The device, as its certificate and the message gate established it.</param>
/// <param name="Jti">The request's <c>jti</c> (the response's <c>inResponseTo</c>).</param>
/// <param name="DigitalId">The request's signed digital id, echoed (§4.13.1).</param>
/// <param name="Body">The telemetry.</param>
public sealed record CheckinRequest(string SerialNo, string Jti, string DigitalId, CheckinBody Body)
{
    /// <summary>The check-in of a verified uplink whose body is a <see cref="CheckinBody"/>.</summary>
    /// <exception cref="ArgumentException">The uplink is not a check-in.</exception>
    public static CheckinRequest From(VerifiedUplink uplink)
    {
        ArgumentNullException.ThrowIfNull(uplink);
        return uplink.Body is CheckinBody body
            ? new CheckinRequest(uplink.Payload.SerialNo, uplink.Payload.Jti, uplink.RawDigitalId, body)
            : throw new ArgumentException("The uplink is not a check-in.", nameof(uplink));
    }
}
