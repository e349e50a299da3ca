using Kavach.Devices.Messaging;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Messages;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Updates;

/// <summary>
/// The device's update route as a host maps it (read the body → one call → answer): <c>update-report</c>, admitted by
/// the <see cref="DeviceMessageGate"/> on <see cref="GateRoutes.UpdateReport"/>, goes to
/// <see cref="IDeviceUpdates.RecordReportAsync"/> and is answered with a signed empty body that answers the request's
/// <c>jti</c>. Refusals are the audited <c>KER-DEV-095</c>; a message of another kind or an unknown status is refused as
/// <see cref="DeviceMessageErrors.MessageRefused"/> and records nothing.
/// </summary>
public sealed class UpdateMessages
{
    private readonly IDeviceUpdates _updates;
    private readonly DownlinkWriter _writer;

    /// <summary>Creates the route handler over the update service and the server's downlink writer.</summary>
    public UpdateMessages(IDeviceUpdates updates, DownlinkWriter writer)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(writer);
        _updates = updates;
        _writer = writer;
    }

    /// <summary><c>POST /v1/updates/report</c> (<see cref="GateRoutes.UpdateReport"/>): the report counted for the device's rollout, an empty body answered.</summary>
    public async Task<Result<SignedDownlink>> UpdateReportAsync(AdmittedMessage admitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admitted);
        if (admitted.Message.Body is not UpdateReportBody body || !UpdateReportStatuses.TryParse(body.Status, out var status))
        {
            return DeviceMessageErrors.MessageRefused;
        }

        var recorded = await _updates.RecordReportAsync(admitted.Device, new DeviceUpdateReport(body.ReleaseCounter, body.FirmwareVersion, status), cancellationToken);
        return recorded.IsSuccess
            ? await _writer.WriteAsync(DownlinkDraft.ReplyTo(admitted.Message, EmptyBody.Instance), cancellationToken)
            : recorded.Error!;
    }
}
