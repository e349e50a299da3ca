namespace Kavach.Crypto.Envelope;

/// <summary>How MOSIP encrypts the data part; chosen from the request's salt and AAD.</summary>
internal enum EnvelopeMode
{
    /// <summary>No salt, no AAD: <c>A(32) || AES-GCM(K, A[0..12), aad = A)</c>, and the <c>VER_R2</c> header.</summary>
    V2,

    /// <summary>A salt: <c>AES-GCM(K, iv = salt, aad)</c> as <c>ct || tag</c>.</summary>
    Salt,

    /// <summary>AAD without salt: <c>ct || tag || iv16</c> with a random 16-byte IV.</summary>
    Aad,
}
