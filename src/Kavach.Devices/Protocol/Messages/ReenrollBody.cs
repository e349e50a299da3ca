namespace Kavach.Devices.Protocol.Messages;

/// <summary>Body of <c>reenroll</c> (spec §4.13.2): FTM-signed over a fresh server nonce with a new CSR; replaces the device key and resets <c>seq</c>.</summary>
/// <param name="Nonce">A fresh server challenge nonce (base64url of 32 bytes).</param>
/// <param name="Csr">The PKCS#10 CSR of the new device key, base64url of its DER.</param>
/// <param name="Firmware">Firmware version.</param>
/// <param name="ServiceVersion">SBI service version.</param>
/// <param name="SpecVersion">SBI specification versions supported.</param>
public sealed record ReenrollBody(
    string Nonce,
    string Csr,
    string Firmware,
    string ServiceVersion,
    IReadOnlyList<string> SpecVersion) : IUplinkBody;
