using Kavach.Devices.Protocol;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Messaging;

/// <summary>An enrolled device's message that passed the whole gate; its <c>jti</c> is recorded and its <c>seq</c> advanced.</summary>
/// <param name="Message">The verified message.</param>
/// <param name="Device">The device's registry row as read before the sequence advanced.</param>
/// <param name="Certificate">The registry row of the signing certificate.</param>
public sealed record AdmittedMessage(VerifiedUplink Message, DeviceRecord Device, DeviceCertificateRecord Certificate);
