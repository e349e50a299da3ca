using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto.Jose;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Mosip;

namespace Kavach.PartnerChannel.Tests.Support;

/// <summary>A decryptor that opens whatever JWE it can (zip included) and ignores thumbprints: the middleware must not rely on it.</summary>
internal sealed class LenientDecryptor(CertificateChannelKeys keys) : IChannelDecryptor
{
    public ValueTask<X509Certificate2> GetCertificateAsync(CancellationToken cancellationToken) => ValueTask.FromResult(keys.EncryptionCertificate);

    public ValueTask<byte[]?> DecryptJweAsync(string compactJwe, CancellationToken cancellationToken)
    {
        using RSA key = keys.EncryptionCertificate.GetRSAPrivateKey()!;
        return ValueTask.FromResult(JweCompact.TryDecrypt(compactJwe, w => key.Decrypt(w, RSAEncryptionPadding.OaepSHA256), out _, out byte[] plaintext) ? plaintext : null);
    }

    public ValueTask<MosipDecryptedRequest?> DecryptMosipRequestAsync(MosipEncryptedRequest request, CancellationToken cancellationToken)
    {
        using RSA key = keys.EncryptionCertificate.GetRSAPrivateKey()!;
        byte[] ours = SHA256.HashData(keys.EncryptionCertificate.RawData);
        return ValueTask.FromResult(MosipRequestCrypto.TryDecrypt(request with { Thumbprint = ours }, ours, w => key.Decrypt(w, RSAEncryptionPadding.OaepSHA256)));
    }
}
