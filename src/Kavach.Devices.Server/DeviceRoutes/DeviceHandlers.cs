using System.Text;
using Kavach.Devices.Checkin;
using Kavach.Devices.Commands;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Messaging;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Rotation;
using Kavach.Devices.Server.Http;
using Kavach.Devices.Time;
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

    public static async Task<IResult> CheckinAsync(HttpContext context, DeviceMessage message)
    {
        var admitted = await AdmitAsync(context, message, GateRoutes.Checkin(message.Audience));
        if (admitted.Error is { } refused)
        {
            return Refuse(refused);
        }

        var signed = await Service<CheckinService>(context).CheckInAsync(CheckinRequest.From(admitted.Value!.Message), context.RequestAborted);
        return signed.IsSuccess ? DeviceEndpoints.Jose(signed.Value.Compact) : ErrorStatus.Result(signed.Error);
    }

    public static async Task<IResult> CommandResultAsync(HttpContext context, DeviceMessage message)
    {
        var admitted = await AdmitAsync(context, message, GateRoutes.CommandResult(message.Audience));
        if (admitted.Error is { } refused)
        {
            return Refuse(refused);
        }

        var uplink = admitted.Value!.Message;
        if (uplink.Body is not CommandResultBody body || !string.Equals(body.CmdId, context.Request.RouteValues["cmdId"] as string, StringComparison.Ordinal))
        {
            return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest);
        }

        var accepted = await Service<DeviceCommandService>(context).SubmitResultAsync(uplink.Payload.SerialNo, body, context.RequestAborted);
        return accepted.IsSuccess ? await ReplyAsync(context, uplink, new EmptyBody()) : ErrorStatus.Result(accepted.Error);
    }

    public static async Task<IResult> RotateAsync(HttpContext context, DeviceMessage message)
    {
        var admitted = await AdmitAsync(context, message, GateRoutes.Rotate(message.Audience));
        if (admitted.Error is { } refused)
        {
            return Refuse(refused);
        }

        var (uplink, _, certificate) = admitted.Value!;
        if (uplink.Body is not RotateBody body || !Kavach.Crypto.Base64Url.TryDecodeUrlSafe(body.Csr, out var csr))
        {
            return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest);
        }

        var issued = await Service<KeyRotationService>(context).RequestAsync(uplink.Payload.SerialNo, certificate.CertSerial, body.RotationId, csr, context.RequestAborted);
        if (!issued.IsSuccess)
        {
            return ErrorStatus.Result(issued.Error);
        }

        var chain = issued.Value.Chain.Select(c => Convert.ToBase64String(c.RawData)).ToList();
        return await ReplyAsync(context, uplink, new RotationResultBody(issued.Value.RotationId, chain));
    }

    public static async Task<IResult> RotateConfirmAsync(HttpContext context, DeviceMessage message)
    {
        var admitted = await AdmitAsync(context, message, GateRoutes.RotateConfirm(message.Audience));
        if (admitted.Error is { } refused)
        {
            return Refuse(refused);
        }

        var (uplink, _, certificate) = admitted.Value!;
        if (uplink.Body is not RotateConfirmBody body)
        {
            return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest);
        }

        var confirmed = await Service<KeyRotationService>(context).ConfirmAsync(uplink.Payload.SerialNo, certificate.CertSerial, body.RotationId, context.RequestAborted);
        return confirmed.IsSuccess ? await ReplyAsync(context, uplink, new EmptyBody()) : ErrorStatus.Result(confirmed.Error);
    }

    public static async Task<IResult> TimeAsync(HttpContext context, DeviceMessage message)
    {
        // Signed time is for enrolled devices (the response echoes their digital id); a device without a certificate
        // has no time to ask for yet: the enrolment challenge carries serverTime.
        var admitted = await AdmitAsync(context, message, GateRoutes.Time(message.Audience));
        if (admitted.Error is { } refused)
        {
            return Refuse(refused);
        }

        var uplink = admitted.Value!.Message;
        var nonce = (uplink.Body as TimeRequestBody)?.Nonce;
        var stamp = await Service<TrustedTimeService>(context).StampAsync(nonce, uplink.Payload.SerialNo, context.RequestAborted);
        return stamp.IsSuccess ? await ReplyAsync(context, uplink, stamp.Value.ToBody()) : ErrorStatus.Result(stamp.Error);
    }

    private static async Task<MessageCheck<AdmittedMessage>> AdmitAsync(HttpContext context, DeviceMessage message, GateRoute route) =>
        await Service<DeviceMessageGate>(context).CheckAsync(Encoding.ASCII.GetBytes(message.Compact), route, message.ClientCertificate, context.RequestAborted);

    private static async Task<IResult> ReplyAsync(HttpContext context, VerifiedUplink uplink, IDownlinkBody body)
    {
        var signed = await Service<DownlinkWriter>(context).WriteAsync(DownlinkDraft.ReplyTo(uplink, body), context.RequestAborted);
        return DeviceEndpoints.Jose(signed.Compact);
    }

    // The gate's refusal is already generic (one code per class of failure, no oracle); the detail is in the audit.
    private static IResult Refuse(KavachError error) => ErrorResponses.Result(StatusCodes.Status400BadRequest, error);

    private static IResult Map(Result<string> result) =>
        result.IsSuccess ? DeviceEndpoints.Jose(result.Value) : ErrorStatus.Result(result.Error);

    private static EnrolmentRequestContext Context(HttpContext context, DeviceMessage message) =>
        new(message.Audience, message.ClientCertificate, context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier);

    private static T Service<T>(HttpContext context)
        where T : notnull => context.RequestServices.GetRequiredService<T>();
}
