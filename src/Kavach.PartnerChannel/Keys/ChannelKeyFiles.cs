using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.PartnerChannel.Keys;

/// <summary>Loads channel certificates with their private keys from PKCS#12 (<c>.p12</c>, <c>.pfx</c>) or PEM files.</summary>
public static class ChannelKeyFiles
{
    /// <summary>
    /// Loads a certificate with its private key. PKCS#12 when the file is not PEM text; PEM files hold the certificate
    /// and the key (<c>PRIVATE KEY</c>, <c>RSA PRIVATE KEY</c>, or <c>ENCRYPTED PRIVATE KEY</c> with
    /// <paramref name="password"/>), or give the key in <paramref name="keyPath"/>.
    /// </summary>
    /// <exception cref="CryptographicException">The file does not hold a certificate with its private key.</exception>
    public static X509Certificate2 LoadCertificateWithKey(string path, string? password = null, string? keyPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] content = File.ReadAllBytes(path);
        if (!LooksLikePem(content))
        {
            return X509CertificateLoader.LoadPkcs12(content, password, X509KeyStorageFlags.EphemeralKeySet);
        }

        string certificatePem = System.Text.Encoding.ASCII.GetString(content);
        string keyPem = keyPath is null ? certificatePem : File.ReadAllText(keyPath);
        X509Certificate2 certificate = keyPem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromEncryptedPem(certificatePem, keyPem, password)
            : X509Certificate2.CreateFromPem(certificatePem, keyPem);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new CryptographicException("The file holds no private key for the certificate.");
        }

        return certificate;
    }

    /// <summary>Loads the signature and encryption key files into <see cref="CertificateChannelKeys"/>.</summary>
    public static CertificateChannelKeys LoadChannelKeys(string signingPath, string encryptionPath, string? password = null) =>
        new(LoadCertificateWithKey(signingPath, password), LoadCertificateWithKey(encryptionPath, password));

    /// <summary>Loads every certificate of a PEM bundle (a CA bundle to pin, a certificate chain).</summary>
    public static X509Certificate2Collection LoadPemBundle(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(path);
        if (collection.Count == 0)
        {
            throw new CryptographicException("The PEM file holds no certificate.");
        }

        return collection;
    }

    /// <summary>Loads a single public certificate (PEM or DER).</summary>
    public static X509Certificate2 LoadCertificate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return X509CertificateLoader.LoadCertificateFromFile(path);
    }

    private static bool LooksLikePem(byte[] content)
    {
        ReadOnlySpan<byte> marker = "-----BEGIN"u8;
        return content.AsSpan().IndexOf(marker) >= 0;
    }
}
