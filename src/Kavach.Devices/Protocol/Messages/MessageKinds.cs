namespace Kavach.Devices.Protocol.Messages;

/// <summary>
/// The message kinds and their explicit JWS <c>typ</c> values (spec §4.3; RFC 8725 §3.11): each uplink kind is signed as
/// <c>dm-&lt;kind&gt;+jwt</c>, every response as <c>dm-resp+jwt</c>, so a signed blob cannot be replayed to another route.
/// </summary>
public static class MessageKinds
{
    /// <summary>Auto-registration with CSR and digital id (<c>POST /v1/enroll</c>).</summary>
    public const string Enroll = "enroll";

    /// <summary>Two-phase enrolment confirm with the new certificate (<c>POST /v1/enroll/confirm</c>).</summary>
    public const string EnrollConfirm = "enroll-confirm";

    /// <summary>FTM-attested re-enrolment of a genuine device (§4.13.2).</summary>
    public const string Reenroll = "reenroll";

    /// <summary>Telemetry; answered with commands and policy (<c>POST /v1/checkin</c>).</summary>
    public const string Checkin = "checkin";

    /// <summary>Key rotation CSR signed with the old key (<c>POST /v1/keys/rotate</c>).</summary>
    public const string Rotate = "rotate";

    /// <summary>Rotation confirm with the new key (<c>POST /v1/keys/rotate/confirm</c>).</summary>
    public const string RotateConfirm = "rotate-confirm";

    /// <summary>A command's result (<c>POST /v1/commands/{cmdId}/result</c>).</summary>
    public const string CommandResult = "cmd-result";

    /// <summary>Signed time bound to a device nonce (<c>POST /v1/time</c>).</summary>
    public const string Time = "time";

    /// <summary>Firmware update report.</summary>
    public const string UpdateReport = "update-report";

    /// <summary>De-registration acknowledgement with zeroisation proof (<c>POST /v1/deregister/ack</c>).</summary>
    public const string DeregAck = "dereg-ack";

    /// <summary>Downlink only: the enrolment challenge (<c>GET /v1/enroll/challenge</c>).</summary>
    public const string Challenge = "challenge";

    /// <summary>The <c>typ</c> of every server response.</summary>
    public const string ResponseType = "dm-resp+jwt";

    /// <summary>The protocol version written and accepted.</summary>
    public const string Version = "1";

    /// <summary>Every uplink kind.</summary>
    public static IReadOnlyList<string> UplinkKinds { get; } =
        [Enroll, EnrollConfirm, Reenroll, Checkin, Rotate, RotateConfirm, CommandResult, Time, UpdateReport, DeregAck];

    /// <summary>True for a known uplink kind (ordinal).</summary>
    public static bool IsUplinkKind(string? kind) => kind is not null && UplinkKinds.Contains(kind, StringComparer.Ordinal);

    /// <summary>The JWS <c>typ</c> of an uplink kind: <c>dm-&lt;kind&gt;+jwt</c>.</summary>
    /// <exception cref="ArgumentException">Not an uplink kind.</exception>
    public static string UplinkType(string kind) =>
        IsUplinkKind(kind) ? $"dm-{kind}+jwt" : throw new ArgumentException("Not an uplink message kind.", nameof(kind));
}
