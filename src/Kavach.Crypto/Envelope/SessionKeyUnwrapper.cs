namespace Kavach.Crypto.Envelope;

/// <summary>
/// Finds the private key for an envelope and unwraps its session key; returns null when it cannot. The returned
/// array passes to the caller of the delegate, which wipes it, so it must be a fresh copy.
/// </summary>
/// <param name="thumbprint">The 32-byte certificate thumbprint, or empty for a legacy envelope without one.</param>
/// <param name="encryptedKey">The RSA-OAEP-SHA256 ciphertext of the session key.</param>
public delegate byte[]? SessionKeyUnwrapper(ReadOnlySpan<byte> thumbprint, ReadOnlySpan<byte> encryptedKey);
