namespace Kavach.Devices.Protocol.Messages;

/// <summary>The JWS <c>typ</c> of each message kind (<c>dm-&lt;kind&gt;+jwt</c>; every response <c>dm-resp+jwt</c>), as constants.</summary>
public static class MessageTypes
{
    /// <summary><c>enroll</c>.</summary>
    public const string Enroll = "dm-enroll+jwt";

    /// <summary><c>enroll-confirm</c>.</summary>
    public const string EnrollConfirm = "dm-enroll-confirm+jwt";

    /// <summary><c>reenroll</c>.</summary>
    public const string Reenroll = "dm-reenroll+jwt";

    /// <summary><c>checkin</c>.</summary>
    public const string Checkin = "dm-checkin+jwt";

    /// <summary><c>rotate</c>.</summary>
    public const string Rotate = "dm-rotate+jwt";

    /// <summary><c>rotate-confirm</c>.</summary>
    public const string RotateConfirm = "dm-rotate-confirm+jwt";

    /// <summary><c>cmd-result</c>.</summary>
    public const string CommandResult = "dm-cmd-result+jwt";

    /// <summary><c>time</c>.</summary>
    public const string Time = "dm-time+jwt";

    /// <summary><c>update-report</c>.</summary>
    public const string UpdateReport = "dm-update-report+jwt";

    /// <summary><c>dereg-ack</c>.</summary>
    public const string DeregAck = "dm-dereg-ack+jwt";

    /// <summary>Every server response, challenge included.</summary>
    public const string Response = MessageKinds.ResponseType;
}
