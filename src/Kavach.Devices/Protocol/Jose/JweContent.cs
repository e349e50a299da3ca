namespace Kavach.Devices.Protocol.Jose;

/// <summary>A decrypted JWE: the <c>kid</c> it was encrypted to and its plaintext (the nested JWS).</summary>
/// <param name="Kid">The server encryption key's id, authenticated by the GCM tag.</param>
/// <param name="Plaintext">The decrypted content.</param>
public sealed record JweContent(string Kid, byte[] Plaintext);
