namespace Kavach.Crypto.Envelope;

/// <summary>Where the pieces of a MOSIP hybrid envelope lie, as ranges into the envelope bytes.</summary>
/// <remarks>
/// Ranges instead of spans, so a caller can keep them across an <c>await</c> (the thumbprint lookup is I/O).
/// Slice with <c>envelope.AsSpan(parts.EncryptedKey)</c> or a span's indexer: <c>array[range]</c> on a
/// <c>byte[]</c> copies.
/// </remarks>
/// <param name="IsV2">The key block started with <c>VER_R2</c> (stripped): the data part is <c>A(32) || ct || tag</c>.</param>
/// <param name="HasThumbprint">The key block (after <c>VER_R2</c>) is exactly 288 bytes: thumbprint then encrypted key.</param>
/// <param name="Thumbprint">SHA-256 of the recipient certificate's DER (32 bytes), or an empty range without one.</param>
/// <param name="EncryptedKey">The RSA-OAEP-wrapped session key; the whole key block in legacy (no-thumbprint) envelopes.</param>
/// <param name="Data">Everything after the first <c>#KEY_SPLITTER#</c>.</param>
public readonly record struct EnvelopeParts(bool IsV2, bool HasThumbprint, Range Thumbprint, Range EncryptedKey, Range Data);
