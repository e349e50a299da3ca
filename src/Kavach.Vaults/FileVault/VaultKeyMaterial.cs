using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Vault;

namespace Kavach.Vaults;

/// <summary>Generating, importing and comparing the keys the PKCS#12 vault holds.</summary>
internal static class VaultKeyMaterial
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    // The algorithm identifier Java's keystore writes for an AES secret key inside its PKCS#8 wrapper.
    private const string AesOid = "2.16.840.1.101.3.4.1";

    private const int SecretKeyLength = 32;

    /// <summary>Generates a new key of <paramref name="type"/>.</summary>
    public static AsymmetricAlgorithm Generate(VaultKeyType type) => type switch
    {
        VaultKeyType.Rsa2048 => RSA.Create(2048),
        VaultKeyType.Rsa3072 => RSA.Create(3072),
        VaultKeyType.EcP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        VaultKeyType.EcSecp256k1 => ECDsa.Create(ECCurve.CreateFromValue("1.3.132.0.10")),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown vault key type."),
    };

    /// <summary>Signs with <paramref name="key"/> itself: SHA256withRSA (PKCS#1 v1.5) or SHA256withECDSA.</summary>
    public static X509SignatureGenerator SelfSigner(LoadedKey key) =>
        key.Rsa is { } rsa
            ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1)
            : X509SignatureGenerator.CreateForECDsa(key.Ecdsa!);

    /// <summary>
    /// The certificate's public key re-exported by .NET, so that encodings that differ only in form (say, RSA
    /// parameters absent rather than NULL) still compare equal with <see cref="LoadedKey.SubjectPublicKeyInfo"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The certificate holds neither an RSA nor an EC key.</exception>
    public static byte[] SubjectPublicKeyInfo(X509Certificate2 certificate) => SubjectPublicKeyInfo(certificate.PublicKey);

    /// <summary>The same for a bare public key (a certificate request's).</summary>
    /// <exception cref="ArgumentException">The key is neither RSA nor EC.</exception>
    public static byte[] SubjectPublicKeyInfo(PublicKey publicKey)
    {
        switch (publicKey.Oid.Value)
        {
            case RsaOid:
                using (var rsa = publicKey.GetRSAPublicKey()!)
                {
                    return rsa.ExportSubjectPublicKeyInfo();
                }

            case EcPublicKeyOid:
                using (var ecdsa = publicKey.GetECDsaPublicKey()!)
                {
                    return ecdsa.ExportSubjectPublicKeyInfo();
                }

            default:
                throw new ArgumentException("The key is neither an RSA nor an EC public key.", nameof(publicKey));
        }
    }

    /// <summary>
    /// The public key a certificate bag carries, as <see cref="LoadedKey.SubjectPublicKeyInfo"/> will hold it once the
    /// key is decrypted. Parsing a certificate costs microseconds; this is what opening the vault does per key pair.
    /// </summary>
    /// <exception cref="InvalidDataException">The certificate holds neither an RSA nor an EC public key.</exception>
    /// <exception cref="CryptographicException">The certificate does not parse.</exception>
    public static byte[] CertificatePublicKey(byte[] certificate)
    {
        using var parsed = X509CertificateLoader.LoadCertificate(certificate);
        return parsed.PublicKey.Oid.Value is RsaOid or EcPublicKeyOid
            ? SubjectPublicKeyInfo(parsed)
            : throw new InvalidDataException("A vault certificate holds neither an RSA nor an EC public key.");
    }

    /// <summary>
    /// Decrypts a shrouded private key (the PBKDF2 derivation) and checks that its public key is
    /// <paramref name="subjectPublicKeyInfo"/>, the one its certificate carries, before anyone can use it.
    /// </summary>
    /// <exception cref="InvalidDataException">The key does not match the certificate or is of another type.</exception>
    /// <exception cref="CryptographicException">The key does not decrypt with <paramref name="password"/>.</exception>
    public static LoadedKey Import(ReadOnlySpan<byte> encryptedPkcs8, ReadOnlySpan<char> password, byte[] subjectPublicKeyInfo)
    {
        var expected = PublicKey.CreateFromSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        AsymmetricAlgorithm key = expected.Oid.Value switch
        {
            RsaOid => RSA.Create(),
            EcPublicKeyOid => ECDsa.Create(),
            _ => throw new InvalidDataException("A vault certificate holds neither an RSA nor an EC public key."),
        };

        LoadedKey? loaded = null;
        try
        {
            key.ImportEncryptedPkcs8PrivateKey(password, encryptedPkcs8, out var read);
            loaded = new LoadedKey(key);
            if (read != encryptedPkcs8.Length)
            {
                throw new InvalidDataException("A private key in the vault file has trailing data.");
            }

            if (!loaded.SubjectPublicKeyInfo.AsSpan().SequenceEqual(subjectPublicKeyInfo))
            {
                throw new InvalidDataException("A private key in the vault file does not match its certificate.");
            }

            return loaded;
        }
        catch
        {
            if (loaded is null)
            {
                key.Dispose();
            }
            else
            {
                loaded.Retire();
            }

            throw;
        }
    }

    /// <summary>
    /// A new random AES-256 key as Java's PKCS12 keystore stores one: a PKCS#8 PrivateKeyInfo with the AES
    /// algorithm identifier and the raw key as privateKey, encrypted to an EncryptedPrivateKeyInfo.
    /// </summary>
    public static byte[] NewEncryptedSecretKey(ReadOnlySpan<char> password, PbeParameters encryption)
    {
        var secret = GC.AllocateArray<byte>(SecretKeyLength, pinned: true);
        try
        {
            RandomNumberGenerator.Fill(secret);
            var info = new Pkcs8PrivateKeyInfo(new Oid(AesOid), algorithmParameters: null, secret, skipCopies: true);
            return info.Encrypt(password, encryption);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
