using System.Security.Cryptography;

namespace Kavach.PartnerChannel.Keys;

/// <summary>
/// The plaintext of an IDA request's <c>request</c> and <c>requestHMAC</c>. Disposing wipes both buffers: the request
/// carries personal data.
/// </summary>
/// <param name="Request">The decrypted JSON request.</param>
/// <param name="Hmac">The decrypted <c>requestHMAC</c> (upper-case hex SHA-256 of <paramref name="Request"/>, as ASCII).</param>
public sealed record MosipDecryptedRequest(byte[] Request, byte[] Hmac) : IDisposable
{
    /// <summary>Overwrites both buffers with zeros.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(Request);
        CryptographicOperations.ZeroMemory(Hmac);
    }
}
