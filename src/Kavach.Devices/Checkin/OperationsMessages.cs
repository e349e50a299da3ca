using Kavach.Devices.Commands;
using Kavach.Devices.Messaging;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Rotation;
using Kavach.Devices.Time;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Checkin;

/// <summary>
/// The operations routes as a host maps them (read the body → one call → answer): each method takes a message the
/// <see cref="DeviceMessageGate"/> admitted on the route's <see cref="GateRoutes"/> entry (check-in, cmd-result, time,
/// rotate, rotate-confirm), calls the operations service and returns the signed response, which answers the request's
/// <c>jti</c>, names the device in <c>aud</c> and echoes its digital id (§4.13.1). Refusals are the services' audited
/// <c>KER-DEV-06x/07x</c> errors; a message of another kind is refused as <see cref="DeviceMessageErrors.MessageRefused"/>.
/// </summary>
public sealed class OperationsMessages
{
    private readonly CheckinService _checkin;
    private readonly DeviceCommandService _commands;
    private readonly TrustedTimeService _time;
    private readonly KeyRotationService _rotation;
    private readonly DownlinkWriter _writer;

    /// <summary>Creates the route handlers over the operations services and the server's downlink writer.</summary>
    public OperationsMessages(CheckinService checkin, DeviceCommandService commands, TrustedTimeService time, KeyRotationService rotation, DownlinkWriter writer)
    {
        ArgumentNullException.ThrowIfNull(checkin);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(rotation);
        ArgumentNullException.ThrowIfNull(writer);
        _checkin = checkin;
        _commands = commands;
        _time = time;
        _rotation = rotation;
        _writer = writer;
    }

    /// <summary><c>POST /v1/checkin</c> (<see cref="GateRoutes.Checkin"/>): telemetry recorded, pending commands and the policy answered.</summary>
    public async Task<Result<SignedDownlink>> CheckinAsync(AdmittedMessage admitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admitted);
        return admitted.Message.Body is CheckinBody
            ? await _checkin.CheckInAsync(CheckinRequest.From(admitted.Message), cancellationToken)
            : DeviceMessageErrors.MessageRefused;
    }

    /// <summary><c>POST /v1/commands/{cmdId}/result</c> (<see cref="GateRoutes.CommandResult"/>): the result recorded idempotently, an empty body answered.</summary>
    public async Task<Result<SignedDownlink>> CommandResultAsync(AdmittedMessage admitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admitted);
        if (admitted.Message.Body is not CommandResultBody body)
        {
            return DeviceMessageErrors.MessageRefused;
        }

        var accepted = await _commands.SubmitResultAsync(admitted.Device.SerialNo, body, cancellationToken);
        return accepted.IsSuccess ? await ReplyAsync(admitted, EmptyBody.Instance, cancellationToken) : accepted.Error!;
    }

    /// <summary><c>POST /v1/time</c> from an enrolled device (<see cref="GateRoutes.Time"/>): signed time bound to its nonce.</summary>
    public async Task<Result<SignedDownlink>> TimeAsync(AdmittedMessage admitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admitted);
        if (admitted.Message.Body is not TimeRequestBody body)
        {
            return DeviceMessageErrors.MessageRefused;
        }

        var stamp = await _time.StampAsync(body.Nonce, admitted.Device.SerialNo, cancellationToken);
        return stamp.IsSuccess ? await ReplyAsync(admitted, stamp.Value.ToBody(), cancellationToken) : stamp.Error!;
    }

    /// <summary>
    /// <c>POST /v1/keys/rotate</c> (<see cref="GateRoutes.Rotate"/>, signed with the active key): the pending certificate
    /// and its chain (padded base64 DER), the same on a retry with the same rotation id and CSR.
    /// </summary>
    public async Task<Result<SignedDownlink>> RotateAsync(AdmittedMessage admitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admitted);
        if (admitted.Message.Body is not RotateBody body)
        {
            return DeviceMessageErrors.MessageRefused;
        }

        // A CSR that is not canonical base64url goes on as no bytes: the rotation service refuses it as an invalid CSR
        // (or as a different CSR on a retry) and audits the refusal like any other.
        var csr = StrictBase64.TryDecodeUrl(body.Csr, out var der) ? der : [];
        var issued = await _rotation.RequestAsync(admitted.Device.SerialNo, admitted.Certificate.CertSerial, body.RotationId, csr, cancellationToken);
        if (!issued.IsSuccess)
        {
            return issued.Error!;
        }

        var chain = issued.Value.Chain.Select(c => Convert.ToBase64String(c.RawData)).ToArray();
        return await ReplyAsync(admitted, new RotationResultBody(issued.Value.RotationId, chain), cancellationToken);
    }

    /// <summary>
    /// <c>POST /v1/keys/rotate/confirm</c> (<see cref="GateRoutes.RotateConfirm"/>, over mTLS with the new certificate and
    /// signed with the new key): the new certificate activated and the old one superseded, an empty body answered.
    /// </summary>
    public async Task<Result<SignedDownlink>> RotateConfirmAsync(AdmittedMessage admitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admitted);
        if (admitted.Message.Body is not RotateConfirmBody body)
        {
            return DeviceMessageErrors.MessageRefused;
        }

        var confirmed = await _rotation.ConfirmAsync(admitted.Device.SerialNo, admitted.Certificate.CertSerial, body.RotationId, cancellationToken);
        return confirmed.IsSuccess ? await ReplyAsync(admitted, EmptyBody.Instance, cancellationToken) : confirmed.Error!;
    }

    private async Task<Result<SignedDownlink>> ReplyAsync(AdmittedMessage admitted, IDownlinkBody body, CancellationToken cancellationToken) =>
        await _writer.WriteAsync(DownlinkDraft.ReplyTo(admitted.Message, body), cancellationToken);
}
