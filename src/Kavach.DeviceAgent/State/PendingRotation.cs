namespace Kavach.DeviceAgent.State;

/// <summary>
/// A key rotation under way (spec §4.8), persisted so a crash between the steps resumes with the same rotation id and
/// CSR (the server answers a retry with the same certificate) instead of minting a second key.
/// </summary>
/// <param name="RotationId">The id from the <c>rotateKey</c> command.</param>
/// <param name="Generation">The new key's generation (its label).</param>
/// <param name="Csr">The CSR sent, base64url DER.</param>
/// <param name="Deadline">When the server stops waiting for the confirmation.</param>
/// <param name="CertificatePem">The new certificate once the server issued it.</param>
public sealed record PendingRotation(string RotationId, int Generation, string Csr, string Deadline, string? CertificatePem);
