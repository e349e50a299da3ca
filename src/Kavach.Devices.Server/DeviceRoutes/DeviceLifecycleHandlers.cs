using System.Globalization;
using System.Text;
using Kavach.Devices.Commands;
using Kavach.Devices.Deregistration;
using Kavach.Devices.Messaging;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Server.Http;
using Kavach.Devices.Updates;

namespace Kavach.Devices.Server.DeviceRoutes;

/// <summary>
/// The command long-poll, update reports and the de-registration acknowledgement: bind, one service call, map the
/// result. A refusal of a device message is the service's one generic code; the detail is in the audit trail.
/// </summary>
internal static class DeviceLifecycleHandlers
{
    private const int MaxWaitSeconds = 55;

    /// <summary>
    /// <c>GET /v1/commands?wait=</c>: 200 (empty) when commands are pending — the device then checks in and receives
    /// them signed — or 204 when the wait ended with none.
    /// </summary>
    public static async Task<IResult> LongPollAsync(HttpContext context, DeviceMessage message)
    {
        var waitText = context.Request.Query["wait"].ToString();
        var seconds = 0;
        if (waitText.Length > 0 && (!int.TryParse(waitText, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) || seconds > MaxWaitSeconds))
        {
            return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest with { Message = "wait must be 0-55 seconds" });
        }

        var pending = await context.RequestServices.GetRequiredService<CommandLongPoll>()
            .WaitAsync(message.ClientCertificate, TimeSpan.FromSeconds(seconds), context.RequestAborted);
        if (!pending.IsSuccess)
        {
            return ErrorResponses.Result(StatusCodes.Status403Forbidden, pending.Error);
        }

        return pending.Value > 0 ? TypedResults.Ok() : TypedResults.NoContent();
    }

    /// <summary><c>POST /v1/updates/report</c>: a signed update report through the gate, answered with a signed empty body.</summary>
    public static async Task<IResult> UpdateReportAsync(HttpContext context, DeviceMessage message)
    {
        var admitted = await context.RequestServices.GetRequiredService<DeviceMessageGate>()
            .CheckAsync(Encoding.ASCII.GetBytes(message.Compact), GateRoutes.UpdateReport(message.Audience), message.ClientCertificate, context.RequestAborted);
        if (admitted.Error is { } refused)
        {
            return ErrorResponses.Result(StatusCodes.Status400BadRequest, refused);
        }

        var answered = await context.RequestServices.GetRequiredService<UpdateMessages>().UpdateReportAsync(admitted.Value!, context.RequestAborted);
        return answered.IsSuccess ? DeviceEndpoints.Jose(answered.Value.Compact) : ErrorStatus.Result(answered.Error);
    }

    /// <summary>
    /// <c>POST /v1/deregister/ack</c>: the zeroisation proof (an L1 device signs it with its FTM chip, having no device
    /// key left, so the route is open at the door); answered with a signed empty body.
    /// </summary>
    public static async Task<IResult> DeregisterAckAsync(HttpContext context, DeviceMessage message)
    {
        var ack = await context.RequestServices.GetRequiredService<DeregistrationService>()
            .AcknowledgeAsync(Encoding.ASCII.GetBytes(message.Compact), message.Audience, message.ClientCertificate, context.RequestAborted);
        if (ack.Error is { } refused)
        {
            return ErrorResponses.Result(StatusCodes.Status400BadRequest, refused);
        }

        var signed = await context.RequestServices.GetRequiredService<DownlinkWriter>()
            .WriteAsync(DownlinkDraft.ReplyTo(ack.Value!.Message, new EmptyBody()), context.RequestAborted);
        return DeviceEndpoints.Jose(signed.Compact);
    }
}
