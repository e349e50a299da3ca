using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;

namespace Kavach.PartnerChannel.Internal;

/// <summary>
/// A certificate as the channel uses it, parsed once: its SHA-256 thumbprint (raw and base64url) and its RSA public
/// key. Building an <see cref="RSA"/> from a certificate costs far more than a signature check, so it is cached
/// (<see cref="ChannelCertificateCache"/>).
/// </summary>
internal sealed class ChannelCertificate
{
    private string? _mosipJwsHeader;
    private string? _acceptedMosipHeader;

    private ChannelCertificate(X509Certificate2 certificate, byte[] thumbprint, RSA publicKey)
    {
        Certificate = certificate;
        Thumbprint = thumbprint;
        ThumbprintBase64Url = Base64Url.Encode(thumbprint);
        PublicKey = publicKey;
        X5cEntry = Convert.ToBase64String(certificate.RawDataMemory.Span);
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>SHA-256 of the DER.</summary>
    public byte[] Thumbprint { get; }

    /// <summary>Base64url SHA-256 of the DER: the JWE <c>kid</c>, the RFC 9421 <c>keyid</c>, <c>x5t#S256</c>.</summary>
    public string ThumbprintBase64Url { get; }

    /// <summary>Standard base64 of the DER, as an <c>x5c</c> entry.</summary>
    public string X5cEntry { get; }

    /// <summary>The encoded protected header of our IDA-style JWS by this certificate (the same for every signature).</summary>
    public string MosipJwsHeader => _mosipJwsHeader ??= Mosip.MosipJws.EncodedHeader(this);

    /// <summary>
    /// The last encoded JWS header (part 0, exactly as received) that passed every header check for this certificate.
    /// A partner sends the same header on every request, so the next one skips parsing it again.
    /// </summary>
    public string? AcceptedMosipHeader
    {
        get => Volatile.Read(ref _acceptedMosipHeader);
        set => Volatile.Write(ref _acceptedMosipHeader, value);
    }

    /// <summary>The RSA public key; shared by concurrent verifications (OpenSSL keys are safe for that).</summary>
    public RSA PublicKey { get; }

    /// <summary>The RSA size in bytes: the exact length of a signature.</summary>
    public int SignatureLength => (PublicKey.KeySize + 7) / 8;

    /// <summary>Parses <paramref name="certificate"/>; null when it has no RSA key of at least 2048 bits.</summary>
    public static ChannelCertificate? TryCreate(X509Certificate2 certificate, byte[] thumbprint)
    {
        RSA? key;
        try
        {
            key = certificate.GetRSAPublicKey();
        }
        catch (CryptographicException)
        {
            return null;
        }

        if (key is null)
        {
            return null;
        }

        if (key.KeySize < 2048)
        {
            key.Dispose();
            return null;
        }

        return new ChannelCertificate(certificate, thumbprint, key);
    }

    /// <summary>True when <paramref name="der"/> is this certificate (SHA-256 compared in constant time).</summary>
    public bool Matches(ReadOnlySpan<byte> der)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(der, hash);
        return CryptographicOperations.FixedTimeEquals(hash, Thumbprint);
    }

    /// <summary>RSASSA-PKCS1-v1_5 SHA-256 verification; false for a signature of the wrong length.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureLength
        && PublicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
