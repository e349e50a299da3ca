using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Messaging;

/// <summary>The gate routes of the enrolled-device endpoints, with the statuses and states the spec allows on each.</summary>
public static class GateRoutes
{
    private static readonly HashSet<DeviceCertificateStatus> Active = [DeviceCertificateStatus.Active];
    private static readonly HashSet<DeviceCertificateStatus> Pending = [DeviceCertificateStatus.Pending];

    /// <summary><c>enroll-confirm</c>: the new, Pending certificate of a device in PendingConfirm (§4.5 step 6).</summary>
    public static GateRoute EnrollConfirm(string audience) => Route(MessageKinds.EnrollConfirm, audience, Pending, [DeviceState.PendingConfirm]);

    /// <summary><c>checkin</c>: Active certificate; an Active device, or a Deregistering one that must still learn of its <c>deregister</c> command (§4.10).</summary>
    public static GateRoute Checkin(string audience) => Route(MessageKinds.Checkin, audience, Active, [DeviceState.Active, DeviceState.Deregistering]);

    /// <summary><c>cmd-result</c>: as check-in, so the <c>deregister</c> command can be answered.</summary>
    public static GateRoute CommandResult(string audience) => Route(MessageKinds.CommandResult, audience, Active, [DeviceState.Active, DeviceState.Deregistering]);

    /// <summary><c>rotate</c>: signed with the old, Active certificate of an Active device (§4.8 step 3).</summary>
    public static GateRoute Rotate(string audience) => Route(MessageKinds.Rotate, audience, Active, [DeviceState.Active]);

    /// <summary><c>rotate-confirm</c>: signed with the new, Pending certificate of an Active device (§4.8 step 5).</summary>
    public static GateRoute RotateConfirm(string audience) => Route(MessageKinds.RotateConfirm, audience, Pending, [DeviceState.Active]);

    /// <summary><c>time</c> from an enrolled device: Active certificate, Active device.</summary>
    public static GateRoute Time(string audience) => Route(MessageKinds.Time, audience, Active, [DeviceState.Active]);

    /// <summary><c>update-report</c>: Active certificate, Active device.</summary>
    public static GateRoute UpdateReport(string audience) => Route(MessageKinds.UpdateReport, audience, Active, [DeviceState.Active]);

    /// <summary><c>dereg-ack</c>: Active certificate of a Deregistering device, the only message it may still send besides check-in (§4.10).</summary>
    public static GateRoute DeregAck(string audience) => Route(MessageKinds.DeregAck, audience, Active, [DeviceState.Deregistering]);

    private static GateRoute Route(string kind, string audience, HashSet<DeviceCertificateStatus> statuses, HashSet<DeviceState> states) =>
        new(UplinkRoute.For(kind, audience), statuses, states);
}
