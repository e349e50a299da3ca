namespace Kavach.Devices.Enrolment;

/// <summary>An L0 device's enrolment request waiting for approval (table <c>device_l0_request</c>).</summary>
/// <param name="SerialNo">The device serial.</param>
/// <param name="SpkiSha256">Hex SHA-256 of the CSR's public key (equal to the whitelist's <c>l0KeySha256</c>).</param>
/// <param name="Csr">The DER CSR, issued when the approval completes.</param>
/// <param name="RequestedAt">When the device asked.</param>
public sealed record L0EnrolmentRequest(string SerialNo, string SpkiSha256, byte[] Csr, DateTimeOffset RequestedAt);
