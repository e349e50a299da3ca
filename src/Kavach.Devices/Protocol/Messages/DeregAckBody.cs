namespace Kavach.Devices.Protocol.Messages;

/// <summary>Body of <c>dereg-ack</c> (spec §4.10 step 3): the zeroisation proof, signed by the FTM key (L1) or the device key (L0).</summary>
/// <param name="SerialNo">The device serial.</param>
/// <param name="CertSerial">The certificate being given up (upper-case hex).</param>
/// <param name="Timestamp">When the device key was zeroised (ISO 8601 UTC, milliseconds).</param>
/// <param name="Zeroized">Must be true.</param>
public sealed record DeregAckBody(
    string SerialNo,
    string CertSerial,
    string Timestamp,
    bool Zeroized) : IUplinkBody;
