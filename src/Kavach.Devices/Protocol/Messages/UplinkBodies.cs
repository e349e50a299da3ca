using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Json;

namespace Kavach.Devices.Protocol.Messages;

/// <summary>The body type of each uplink kind, read strictly and checked for formats; and written.</summary>
public static class UplinkBodies
{
    private const int MaxText = 64;
    private const int MaxCsrBytes = 8 * 1024;

    private static readonly string[] Purposes = ["Auth", "Registration"];
    private static readonly string[] Environments = ["Staging", "Developer", "Pre-Production", "Production"];
    private static readonly string[] DeviceStatuses = ["Ready", "Busy", "Not Ready"];
    private static readonly string[] UpdateStatuses = ["INSTALLED", "FAILED", "REVERTED", "STALE"];

    /// <summary>Reads the body of <paramref name="kind"/>; false when it is not strictly that kind's schema or a value is out of format.</summary>
    public static bool TryRead(string kind, JsonElement body, [NotNullWhen(true)] out IUplinkBody? value)
    {
        value = kind switch
        {
            MessageKinds.Enroll => Read(body, DeviceProtocolJsonContext.Default.EnrollBody, Valid),
            MessageKinds.EnrollConfirm => Read(body, DeviceProtocolJsonContext.Default.EnrollConfirmBody, b => IsCertSerial(b.CertSerial)),
            MessageKinds.Reenroll => Read(body, DeviceProtocolJsonContext.Default.ReenrollBody, Valid),
            MessageKinds.Checkin => Read(body, DeviceProtocolJsonContext.Default.CheckinBody, Valid),
            MessageKinds.Rotate => Read(body, DeviceProtocolJsonContext.Default.RotateBody, b => ProtocolValues.IsUuidV4(b.RotationId) && IsCsr(b.Csr)),
            MessageKinds.RotateConfirm => Read(body, DeviceProtocolJsonContext.Default.RotateConfirmBody, b => ProtocolValues.IsUuidV4(b.RotationId)),
            MessageKinds.CommandResult => Read(body, DeviceProtocolJsonContext.Default.CommandResultBody, Valid),
            MessageKinds.Time => Read(body, DeviceProtocolJsonContext.Default.TimeRequestBody, b => ProtocolValues.IsNonce(b.Nonce)),
            MessageKinds.UpdateReport => Read(body, DeviceProtocolJsonContext.Default.UpdateReportBody, Valid),
            MessageKinds.DeregAck => Read(body, DeviceProtocolJsonContext.Default.DeregAckBody, Valid),
            _ => null,
        };
        return value is not null;
    }

    /// <summary>The kind a body type is sent as.</summary>
    /// <exception cref="ArgumentException">Not an uplink body type.</exception>
    public static string KindOf(IUplinkBody body) => body switch
    {
        EnrollBody => MessageKinds.Enroll,
        EnrollConfirmBody => MessageKinds.EnrollConfirm,
        ReenrollBody => MessageKinds.Reenroll,
        CheckinBody => MessageKinds.Checkin,
        RotateBody => MessageKinds.Rotate,
        RotateConfirmBody => MessageKinds.RotateConfirm,
        CommandResultBody => MessageKinds.CommandResult,
        TimeRequestBody => MessageKinds.Time,
        UpdateReportBody => MessageKinds.UpdateReport,
        DeregAckBody => MessageKinds.DeregAck,
        _ => throw new ArgumentException("Not an uplink body.", nameof(body)),
    };

    /// <summary>The body as a JSON element for the payload.</summary>
    public static JsonElement ToElement(IUplinkBody body) => body switch
    {
        EnrollBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.EnrollBody),
        EnrollConfirmBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.EnrollConfirmBody),
        ReenrollBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.ReenrollBody),
        CheckinBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.CheckinBody),
        RotateBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.RotateBody),
        RotateConfirmBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.RotateConfirmBody),
        CommandResultBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.CommandResultBody),
        TimeRequestBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.TimeRequestBody),
        UpdateReportBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.UpdateReportBody),
        DeregAckBody b => ProtocolJson.ToElement(b, DeviceProtocolJsonContext.Default.DeregAckBody),
        _ => throw new ArgumentException("Not an uplink body.", nameof(body)),
    };

    /// <summary>True for an upper-case hex certificate serial of 1–40 characters.</summary>
    public static bool IsCertSerial(string? serial) =>
        serial is { Length: >= 1 and <= 40 } && serial.All(c => char.IsAsciiDigit(c) || c is >= 'A' and <= 'F');

    private static T? Read<T>(JsonElement body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, Func<T, bool> valid)
        where T : class, IUplinkBody =>
        ProtocolJson.TryRead(body, typeInfo, out T? value) && valid(value) ? value : null;

    private static bool IsCsr(string? csr) => ProtocolValues.IsBase64Url(csr, MaxCsrBytes);

    private static bool IsVersionList(IReadOnlyList<string>? versions) =>
        versions is { Count: >= 1 and <= 8 } && versions.All(v => ProtocolValues.IsShortText(v, MaxText));

    private static bool Valid(EnrollBody b) =>
        ProtocolValues.IsNonce(b.Nonce) && IsCsr(b.Csr)
        && ProtocolValues.IsShortText(b.Firmware, MaxText) && ProtocolValues.IsShortText(b.ServiceVersion, MaxText)
        && IsVersionList(b.SpecVersion) && Purposes.Contains(b.Purpose) && Environments.Contains(b.Env)
        && (b.EnrolmentSecret is null || ProtocolValues.IsNonce(b.EnrolmentSecret));

    private static bool Valid(ReenrollBody b) =>
        ProtocolValues.IsNonce(b.Nonce) && IsCsr(b.Csr)
        && ProtocolValues.IsShortText(b.Firmware, MaxText) && ProtocolValues.IsShortText(b.ServiceVersion, MaxText)
        && IsVersionList(b.SpecVersion);

    private static bool Valid(CheckinBody b) =>
        ProtocolValues.IsShortText(b.FwVersion, MaxText) && b.ReleaseCounter >= 0 && IsCertSerial(b.CertSerial)
        && ProtocolTimestamp.TryParse(b.CertNotAfter, out _) && DeviceStatuses.Contains(b.DeviceStatus)
        && b.Health is { BootFailures: >= 0 } && double.IsFinite(b.Health.Temp)
        && (b.LastTimeSync is null || ProtocolTimestamp.TryParse(b.LastTimeSync, out _))
        && b.Sbi is not null && IsVersionList(b.Sbi.SpecVersion) && ProtocolValues.IsShortText(b.Sbi.ServiceVersion, MaxText);

    private static bool Valid(CommandResultBody b) =>
        DeviceCommandCatalogue.IsCmdId(b.CmdId) && CommandResultStatus.IsValid(b.Status)
        && (b.Result is null || b.Result.Value.ValueKind == JsonValueKind.Object);

    private static bool Valid(UpdateReportBody b) =>
        b.ReleaseCounter >= 0 && ProtocolValues.IsShortText(b.FirmwareVersion, MaxText)
        && UpdateStatuses.Contains(b.Status) && ProtocolValues.IsNonce(b.Nonce);

    private static bool Valid(DeregAckBody b) =>
        ProtocolValues.IsSerialNo(b.SerialNo) && IsCertSerial(b.CertSerial)
        && ProtocolTimestamp.TryParse(b.Timestamp, out _) && b.Zeroized;
}
