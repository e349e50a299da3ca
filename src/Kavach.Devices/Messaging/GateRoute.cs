using Kavach.Devices.Protocol;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Messaging;

/// <summary>
/// What the gate admits on one device endpoint: the protocol route (kind, audience, TLS binding) and the certificate
/// statuses and device states allowed there (spec §4.3, §4.5, §4.8, §4.10).
/// </summary>
/// <param name="Uplink">The protocol route.</param>
/// <param name="CertificateStatuses">Allowed statuses of the signing certificate's registry row.</param>
/// <param name="DeviceStates">Allowed states of the device.</param>
public sealed record GateRoute(UplinkRoute Uplink, IReadOnlySet<DeviceCertificateStatus> CertificateStatuses, IReadOnlySet<DeviceState> DeviceStates);
