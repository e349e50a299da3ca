namespace Kavach.Devices.Updates.Signing;

/// <summary>One key that signs update documents: its public key (base64url DER SubjectPublicKeyInfo) and a delegate that signs bytes with RS256 (RSASSA-PKCS1-v1_5, SHA-256).</summary>
/// <param name="PublicKey">The key text as listed in <c>trust.json</c> (see <see cref="Verification.UpdateKeys"/>).</param>
/// <param name="SignRs256">Signs the JWS signing input; an offline key file, an HSM or the vault.</param>
public sealed record UpdateSigner(string PublicKey, Func<byte[], byte[]> SignRs256);
