using System.Security.Cryptography.X509Certificates;

namespace Kavach.PartnerChannel.Keys;

/// <summary>
/// Our side's encryption key on the partner channel. Every method answers null for input it cannot decrypt — wrong
/// key, wrong algorithm, tampered bytes — and never throws for bad input, so a refusal looks the same whatever failed.
/// It throws only for infrastructure faults (the vault is down).
/// </summary>
public interface IChannelDecryptor
{
    /// <summary>
    /// Our encryption certificate (its SHA-256 thumbprint is the JWE <c>kid</c> and the IDA <c>thumbprint</c>). Called
    /// on every encrypted request, so implementations hand out a cached instance.
    /// </summary>
    ValueTask<X509Certificate2> GetCertificateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Decrypts a compact JWE with <c>alg</c> <c>RSA-OAEP-256</c> and <c>enc</c> <c>A256GCM</c> only; null on any failure.
    /// </summary>
    ValueTask<byte[]?> DecryptJweAsync(string compactJwe, CancellationToken cancellationToken);

    /// <summary>
    /// IDA field-level decryption: one RSA-OAEP-SHA256 unwrap of the session key, then MOSIP AES-GCM (16-byte IV
    /// appended) of <c>request</c> and <c>requestHMAC</c>; null on any failure, including a thumbprint that is not ours.
    /// </summary>
    ValueTask<MosipDecryptedRequest?> DecryptMosipRequestAsync(MosipEncryptedRequest request, CancellationToken cancellationToken);
}
