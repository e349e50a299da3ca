using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.PartnerChannel.Jose;
using Kavach.PartnerChannel.Mosip;

namespace Kavach.PartnerChannel.Keys;

/// <summary>
/// <see cref="IChannelSigner"/> and <see cref="IChannelDecryptor"/> over certificates with their private keys in
/// memory: a partner's PKCS#12 or PEM files (<see cref="ChannelKeyFiles"/>), or test keys. One private-key operation
/// per signature and per decryption.
/// </summary>
public sealed class CertificateChannelKeys : IChannelSigner, IChannelDecryptor, IDisposable
{
    private readonly X509Certificate2 _signingCertificate;
    private readonly X509Certificate2 _encryptionCertificate;
    private readonly RSA _signingKey;
    private readonly RSA _decryptionKey;
    private readonly byte[] _encryptionThumbprint;
    private readonly string _encryptionKid;

    /// <summary>Uses two certificates that carry RSA private keys (they may be the same certificate).</summary>
    /// <exception cref="ArgumentException">A certificate has no RSA private key.</exception>
    public CertificateChannelKeys(X509Certificate2 signingCertificate, X509Certificate2 encryptionCertificate)
    {
        ArgumentNullException.ThrowIfNull(signingCertificate);
        ArgumentNullException.ThrowIfNull(encryptionCertificate);
        _signingKey = signingCertificate.GetRSAPrivateKey()
            ?? throw new ArgumentException("The signing certificate has no RSA private key.", nameof(signingCertificate));
        _decryptionKey = encryptionCertificate.GetRSAPrivateKey()
            ?? throw new ArgumentException("The encryption certificate has no RSA private key.", nameof(encryptionCertificate));
        _signingCertificate = signingCertificate;
        _encryptionCertificate = encryptionCertificate;
        _encryptionThumbprint = Thumbprints.Sha256(encryptionCertificate.RawDataMemory.Span);
        _encryptionKid = Base64Url.Encode(_encryptionThumbprint);
    }

    /// <summary>The signature certificate.</summary>
    public X509Certificate2 SigningCertificate => _signingCertificate;

    /// <summary>The encryption certificate.</summary>
    public X509Certificate2 EncryptionCertificate => _encryptionCertificate;

    ValueTask<X509Certificate2> IChannelSigner.GetCertificateAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_signingCertificate);

    ValueTask<X509Certificate2> IChannelDecryptor.GetCertificateAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_encryptionCertificate);

    /// <inheritdoc />
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_signingKey.SignData(data.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <inheritdoc />
    public ValueTask<byte[]?> DecryptJweAsync(string compactJwe, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ChannelJwe.TryDecrypt(compactJwe, _encryptionKid, Unwrap, out byte[]? plaintext) ? plaintext : null);

    /// <inheritdoc />
    public ValueTask<MosipDecryptedRequest?> DecryptMosipRequestAsync(MosipEncryptedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValueTask.FromResult(MosipRequestCrypto.TryDecrypt(request, _encryptionThumbprint, Unwrap));
    }

    /// <summary>Disposes the private keys (not the certificates, which the caller owns).</summary>
    public void Dispose()
    {
        _signingKey.Dispose();
        _decryptionKey.Dispose();
    }

    private byte[]? Unwrap(byte[] wrapped) => _decryptionKey.Decrypt(wrapped, RSAEncryptionPadding.OaepSHA256);
}
