using System.Security.Cryptography;

namespace Kavach.Crypto.Jose;

/// <summary>Signing delegates for <see cref="JwsCompact.Sign"/> over in-process (or HSM-backed .NET) keys.</summary>
/// <remarks>The delegates borrow the key: the caller keeps ownership and must keep it alive while signing.</remarks>
public static class JwsSigners
{
    /// <summary>RS256 (PKCS#1 v1.5) or PS256 (PSS, MGF1-SHA-256, 32-byte salt) with SHA-256.</summary>
    /// <exception cref="ArgumentException">The algorithm is not RS256 or PS256.</exception>
    public static Func<byte[], byte[]> ForRsa(RSA privateKey, JwsAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        RSASignaturePadding padding = algorithm switch
        {
            JwsAlgorithm.RS256 => RSASignaturePadding.Pkcs1,
            JwsAlgorithm.PS256 => RSASignaturePadding.Pss,
            _ => throw new ArgumentException("RSA keys sign RS256 or PS256 only.", nameof(algorithm)),
        };
        return input => privateKey.SignData(input, HashAlgorithmName.SHA256, padding);
    }

    /// <summary>ES256 (P-256) or ES256K (secp256k1) with SHA-256, as a 64-byte <c>r || s</c> signature.</summary>
    /// <exception cref="ArgumentException">The algorithm does not match the key's curve.</exception>
    public static Func<byte[], byte[]> ForECDsa(ECDsa privateKey, JwsAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        using (JwsVerificationKey publicKey = JwsVerificationKey.FromECDsa(privateKey))
        {
            if (!publicKey.Admits(algorithm))
            {
                throw new ArgumentException("The algorithm does not match the key's curve.", nameof(algorithm));
            }
        }

        return input => privateKey.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>EdDSA with an Ed25519 key.</summary>
    public static Func<byte[], byte[]> ForEd25519(Ed25519PrivateKey privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        return input => privateKey.Sign(input);
    }
}
