using System.Text;
using Kavach.Devices.Checkin;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Messaging;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Server.Http;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Server.DeviceRoutes;

/// <summary>
/// The device route handlers: bind (the body reader did), one service call, map the result. Enrolled devices' messages
/// pass <see cref="DeviceMessageGate"/> first (chain, certificate and device state, replay, sequence, digital id);
/// enrolment checks its own (FTM chain, nonce, whitelist). Refusals are one generic coded error; the detail is audited.
/// </summary>
internal static class DeviceHandlers
{
    public static async Task<IResult> ChallengeAsync(HttpContext context, DeviceMessage message) =>
        DeviceEndpoints.Jose(await Service<EnrolmentService>(context).IssueChallengeAsync(Context(context, message), context.RequestAborted));

    public static async Task<IResult> EnrollAsync(HttpContext context, DeviceMessage message) =>
        Map(await Service<EnrolmentService>(context).EnrolAsync(message.Compact, Context(context, message), context.RequestAborted));

    public static async Task<IResult> ReenrollAsync(HttpContext context, DeviceMessage message) =>
        Map(await Service<EnrolmentService>(context).ReenrolAsync(message.Compact, Context(context, message), context.RequestAborted));

    public static async Task<IResult> ConfirmAsync(HttpContext context, DeviceMessage message) =>
        Map(await Service<EnrolmentService>(context).ConfirmAsync(message.Compact, Context(context, message), context.RequestAborted));

    public static Task<IResult> CheckinAsync(HttpContext context, DeviceMessage message) =>
        OperationAsync(context, message, GateRoutes.Checkin(message.Audience), static (handlers, admitted, ct) => handlers.CheckinAsync(admitted, ct));

    public static Task<IResult> CommandResultAsync(HttpContext context, DeviceMessage message) =>
        OperationAsync(context, message, GateRoutes.CommandResult(message.Audience), (handlers, admitted, ct) =>
            // The result answers the command the path names, not another one of the device's.
            admitted.Message.Body is CommandResultBody body && string.Equals(body.CmdId, context.Request.RouteValues["cmdId"] as string, StringComparison.Ordinal)
                ? handlers.CommandResultAsync(admitted, ct)
                : Task.FromResult<Result<SignedDownlink>>(DeviceServerErrors.BadRequest));

    public static Task<IResult> RotateAsync(HttpContext context, DeviceMessage message) =>
        OperationAsync(context, message, GateRoutes.Rotate(message.Audience), static (handlers, admitted, ct) => handlers.RotateAsync(admitted, ct));

    public static Task<IResult> RotateConfirmAsync(HttpContext context, DeviceMessage message) =>
        OperationAsync(context, message, GateRoutes.RotateConfirm(message.Audience), static (handlers, admitted, ct) => handlers.RotateConfirmAsync(admitted, ct));

    // Signed time is for enrolled devices (the response echoes their digital id); a device without a certificate has no
    // time to ask for yet: the enrolment challenge carries serverTime.
    public static Task<IResult> TimeAsync(HttpContext context, DeviceMessage message) =>
        OperationAsync(context, message, GateRoutes.Time(message.Audience), static (handlers, admitted, ct) => handlers.TimeAsync(admitted, ct));

    /// <summary>The gate admits the message on its route, then the operations handler answers it (signed), or its error is mapped.</summary>
    private static async Task<IResult> OperationAsync(
        HttpContext context,
        DeviceMessage message,
        GateRoute route,
        Func<OperationsMessages, AdmittedMessage, CancellationToken, Task<Result<SignedDownlink>>> handle)
    {
        var admitted = await AdmitAsync(context, message, route);
        if (admitted.Error is { } refused)
        {
            return Refuse(refused);
        }

        var signed = await handle(Service<OperationsMessages>(context), admitted.Value!, context.RequestAborted);
        return signed.IsSuccess ? DeviceEndpoints.Jose(signed.Value.Compact) : ErrorStatus.Result(signed.Error);
    }

    private static async Task<MessageCheck<AdmittedMessage>> AdmitAsync(HttpContext context, DeviceMessage message, GateRoute route) =>
        await Service<DeviceMessageGate>(context).CheckAsync(Encoding.ASCII.GetBytes(message.Compact), route, message.ClientCertificate, context.RequestAborted);

    // The gate's refusal is already generic (one code per class of failure, no oracle); the detail is in the audit.
    private static IResult Refuse(KavachError error) => ErrorResponses.Result(StatusCodes.Status400BadRequest, error);

    private static IResult Map(Result<string> result) =>
        result.IsSuccess ? DeviceEndpoints.Jose(result.Value) : ErrorStatus.Result(result.Error);

    private static EnrolmentRequestContext Context(HttpContext context, DeviceMessage message) =>
        new(message.Audience, message.ClientCertificate, context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier);

    private static T Service<T>(HttpContext context)
        where T : notnull => context.RequestServices.GetRequiredService<T>();
}
