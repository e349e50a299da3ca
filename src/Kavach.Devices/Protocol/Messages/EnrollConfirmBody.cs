namespace Kavach.Devices.Protocol.Messages;

/// <summary>Body of <c>enroll-confirm</c> (spec §4.5 step 6): signed with the new device key, over mutual TLS with the new certificate.</summary>
/// <param name="CertSerial">The serial of the certificate the device installed (upper-case hex).</param>
public sealed record EnrollConfirmBody(
    string CertSerial) : IUplinkBody;
