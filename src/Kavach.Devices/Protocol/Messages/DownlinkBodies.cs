using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Json;

namespace Kavach.Devices.Protocol.Messages;

/// <summary>The body type of each response kind, read strictly (device side) and written (server side).</summary>
public static class DownlinkBodies
{
    private const int MaxCertificateBytes = 16 * 1024;

    /// <summary>
    /// Reads the body of a response of <paramref name="kind"/>: <c>challenge</c> → <see cref="ChallengeBody"/>,
    /// <c>enroll</c>/<c>reenroll</c> → <see cref="EnrollmentResultBody"/>, <c>time</c> → <see cref="TimeResponseBody"/>,
    /// <c>rotate</c> → <see cref="RotationResultBody"/>, every other kind → <see cref="EmptyBody"/>.
    /// </summary>
    public static bool TryRead(string kind, JsonElement body, [NotNullWhen(true)] out IDownlinkBody? value)
    {
        value = kind switch
        {
            MessageKinds.Challenge => Read(body, DeviceProtocolJsonContext.Default.ChallengeBody, b =>
                ProtocolValues.IsNonce(b.Nonce) && ProtocolTimestamp.TryParse(b.ServerTime, out _) && ProtocolTimestamp.TryParse(b.Expires, out _)),
            MessageKinds.Enroll or MessageKinds.Reenroll => Read(body, DeviceProtocolJsonContext.Default.EnrollmentResultBody, b =>
                ProtocolValues.IsUuidV4(b.MgmtId) && IsChain(b.CertChain) && b.Policy is not null
                && PolicyRules.IsValid(b.Policy.CheckinSeconds, b.Policy.RotateAfterDays, b.Policy.CertDays)),
            MessageKinds.Time => Read(body, DeviceProtocolJsonContext.Default.TimeResponseBody, b =>
                ProtocolValues.IsNonce(b.Nonce) && ProtocolTimestamp.TryParse(b.ServerTime, out _) && b.RadiusMs >= 0),
            MessageKinds.Rotate => Read(body, DeviceProtocolJsonContext.Default.RotationResultBody, b =>
                ProtocolValues.IsUuidV4(b.RotationId) && IsChain(b.CertChain)),
            MessageKinds.EnrollConfirm or MessageKinds.Checkin or MessageKinds.RotateConfirm or MessageKinds.CommandResult
                or MessageKinds.UpdateReport or MessageKinds.DeregAck => Read(body, DeviceProtocolJsonContext.Default.EmptyBody, _ => true),
            _ => null,
        };
        return value is not null;
    }

    /// <summary>The body as a JSON element for the payload.</summary>
    /// <exception cref="ArgumentException">Not a downlink body.</exception>
    public static JsonElement ToElement(IDownlinkBody body) => body switch
    {
        ChallengeBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.ChallengeBody),
        EnrollmentResultBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.EnrollmentResultBody),
        TimeResponseBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.TimeResponseBody),
        RotationResultBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.RotationResultBody),
        EmptyBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.EmptyBody),
        _ => throw new ArgumentException("Not a downlink body.", nameof(body)),
    };

    private static bool IsChain(IReadOnlyList<string>? chain) =>
        chain is { Count: >= 1 and <= 4 } && chain.All(c => c is { Length: > 0 and <= MaxCertificateBytes * 2 });

    private static T? Read<T>(JsonElement body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, Func<T, bool> valid)
        where T : class, IDownlinkBody =>
        ProtocolJson.TryRead(body, typeInfo, out T? value) && valid(value) ? value : null;
}
