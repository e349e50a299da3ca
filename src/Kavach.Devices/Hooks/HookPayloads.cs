using System.Globalization;
using System.Text.Json;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Hooks;

/// <summary>
/// The bodies of the outbound hooks, in MOSIP's request envelope <c>{id, version, requesttime, request}</c>. They carry
/// only device facts (serial, make, model, provider, type, certificate serial, status, reason code): never a person's data.
/// </summary>
public static class HookPayloads
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>
    /// IDA hotlist <c>POST /block</c>: <c>request = {id: DeviceHotlistId, idType: "DEVICE", status: "BLOCKED",
    /// expiryTimestamp: null}</c> (never expires: a de-registered or compromised device stays blocked).
    /// </summary>
    public static byte[] HotlistBlock(DeviceRecord device, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Envelope("mosip.hotlist.block", now, writer =>
        {
            writer.WriteString("id", DeviceHotlistId.Compute(device.SerialNo, device.Make, device.Model));
            writer.WriteString("idType", "DEVICE");
            writer.WriteString("status", "BLOCKED");
            writer.WriteNull("expiryTimestamp");
        });
    }

    /// <summary>PMS device registration or deactivation: the device's digital-id facts, its certificate serial, the new status and the reason code.</summary>
    public static byte[] PmsDevice(HookKind kind, DeviceRecord device, string? certSerial, string reasonCode, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(device);
        var registered = kind == HookKind.PmsDeviceRegistered;
        return Envelope(registered ? "kavach.device.registered" : "kavach.device.deactivated", now, writer =>
        {
            writer.WriteString("serialNo", device.SerialNo);
            writer.WriteString("make", device.Make);
            writer.WriteString("model", device.Model);
            writer.WriteString("deviceProviderId", device.ProviderId);
            writer.WriteString("type", device.Type);
            writer.WriteString("deviceSubType", device.DeviceSubType);
            writer.WriteString("certification", device.Certification);
            writer.WriteString("purpose", device.Purpose);
            if (certSerial is not null)
            {
                writer.WriteString("certSerial", certSerial);
            }

            writer.WriteString("status", registered ? "ACTIVE" : "DEACTIVATED");
            writer.WriteString("reason", reasonCode);
        });
    }

    private static byte[] Envelope(string id, DateTimeOffset now, Action<Utf8JsonWriter> request)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("version", "1.0");
            writer.WriteString("requesttime", now.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
            writer.WriteStartObject("request");
            request(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
