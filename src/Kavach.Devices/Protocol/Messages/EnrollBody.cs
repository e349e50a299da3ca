namespace Kavach.Devices.Protocol.Messages;

/// <summary>Body of <c>enroll</c> (spec §4.5 step 3): signed by the FTM key (L1) or the new device key (L0).</summary>
/// <param name="Nonce">The server's challenge nonce (base64url of 32 bytes).</param>
/// <param name="Csr">The PKCS#10 CSR of the new device key, base64url of its DER.</param>
/// <param name="Firmware">Firmware version.</param>
/// <param name="ServiceVersion">SBI service version.</param>
/// <param name="SpecVersion">SBI specification versions supported.</param>
/// <param name="Purpose"><c>Auth</c> or <c>Registration</c>.</param>
/// <param name="Env">MOSIP environment: Staging, Developer, Pre-Production or Production.</param>
/// <param name="EnrolmentSecret">
/// L0 whose whitelist entry pre-registered a one-time enrolment secret instead of the key: the secret (base64url of 32
/// bytes), inside this signed and encrypted message beside the challenge nonce; absent otherwise.
/// </param>
public sealed record EnrollBody(
    string Nonce,
    string Csr,
    string Firmware,
    string ServiceVersion,
    IReadOnlyList<string> SpecVersion,
    string Purpose,
    string Env,
    string? EnrolmentSecret = null) : IUplinkBody;
