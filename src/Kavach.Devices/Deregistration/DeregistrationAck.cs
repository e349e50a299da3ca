using Kavach.Devices.Protocol;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Deregistration;

/// <summary>
/// An accepted <c>dereg-ack</c>: the verified message (the host answers it with a signed <c>{}</c> downlink echoing its
/// digital id), the device as it is now (Deregistered) and the completed de-registration.
/// </summary>
/// <param name="Message">The verified uplink.</param>
/// <param name="Device">The device after the change.</param>
/// <param name="Deregistration">The completed de-registration.</param>
public sealed record DeregistrationAck(VerifiedUplink Message, DeviceRecord Device, DeregistrationRecord Deregistration);
