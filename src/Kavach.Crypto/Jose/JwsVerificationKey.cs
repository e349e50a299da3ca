using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto.Interop;

namespace Kavach.Crypto.Jose;

/// <summary>A public key for JWS verification: RSA (2048 bits or more), EC P-256, EC secp256k1 or Ed25519.</summary>
/// <remarks>
/// The key's kind fixes the algorithms it accepts (RSA: RS256 and PS256, as MOSIP signs with the same RSA
/// key under both; P-256: ES256; secp256k1: ES256K; Ed25519: EdDSA), so a token's <c>alg</c> can never
/// make a key be used in a way its owner did not intend. The factories copy the public key, so the
/// instance owns what it holds and must be disposed.
/// </remarks>
public sealed class JwsVerificationKey : IDisposable
{
    /// <summary>RFC 7518 §3.3 and §3.5: RSA keys for RS256/PS256 must be at least 2048 bits.</summary>
    public const int MinimumRsaKeySize = 2048;

    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private const string Secp256k1Oid = "1.3.132.0.10";

    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;
    private readonly EvpPkeyHandle? _ed25519;

    private JwsVerificationKey(JwsKeyKind kind, RSA? rsa, ECDsa? ecdsa, EvpPkeyHandle? ed25519)
    {
        Kind = kind;
        _rsa = rsa;
        _ecdsa = ecdsa;
        _ed25519 = ed25519;
    }

    internal JwsKeyKind Kind { get; }

    /// <summary>The key in a certificate; null when its type is unsupported, RSA under 2048 bits, or malformed.</summary>
    public static JwsVerificationKey? FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        byte[] spki;
        try
        {
            spki = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        }
        catch (CryptographicException)
        {
            return null;
        }

        return FromSubjectPublicKeyInfo(spki);
    }

    /// <summary>A DER SubjectPublicKeyInfo; null when the type is unsupported, RSA under 2048 bits, or malformed.</summary>
    public static JwsVerificationKey? FromSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        string? algorithm = ReadAlgorithmOid(subjectPublicKeyInfo);
        try
        {
            return algorithm switch
            {
                RsaOid => ImportRsa(subjectPublicKeyInfo),
                EcPublicKeyOid => ImportEc(subjectPublicKeyInfo),
                Ed25519.Oid => ImportEd25519(subjectPublicKeyInfo),
                _ => null,
            };
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Copies the public part of an RSA key (which may be a private key or live in an HSM).</summary>
    /// <exception cref="ArgumentException">The key is shorter than 2048 bits.</exception>
    public static JwsVerificationKey FromRsa(RSA publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        RSA copy = RSA.Create(publicKey.ExportParameters(includePrivateParameters: false));
        if (copy.KeySize < MinimumRsaKeySize)
        {
            copy.Dispose();
            throw new ArgumentException("RSA keys for JWS must be at least 2048 bits.", nameof(publicKey));
        }

        return new JwsVerificationKey(JwsKeyKind.Rsa, copy, null, null);
    }

    /// <summary>Copies the public part of an EC key on P-256 or secp256k1.</summary>
    /// <exception cref="ArgumentException">The key is on another curve.</exception>
    public static JwsVerificationKey FromECDsa(ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ECParameters parameters = publicKey.ExportParameters(includePrivateParameters: false);
        JwsKeyKind kind = CurveKind(parameters.Curve)
            ?? throw new ArgumentException("Only P-256 and secp256k1 keys can verify a JWS.", nameof(publicKey));
        return new JwsVerificationKey(kind, null, ECDsa.Create(parameters), null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _rsa?.Dispose();
        _ecdsa?.Dispose();
        _ed25519?.Dispose();
    }

    internal bool Admits(JwsAlgorithm algorithm) => (Kind, algorithm) switch
    {
        (JwsKeyKind.Rsa, JwsAlgorithm.RS256 or JwsAlgorithm.PS256) => true,
        (JwsKeyKind.EcP256, JwsAlgorithm.ES256) => true,
        (JwsKeyKind.EcSecp256k1, JwsAlgorithm.ES256K) => true,
        (JwsKeyKind.Ed25519, JwsAlgorithm.EdDSA) => true,
        _ => false,
    };

    /// <summary>Checks a raw JWS signature; false for any mismatch, wrong length or key/algorithm pairing.</summary>
    internal bool Verify(JwsAlgorithm algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (!Admits(algorithm))
        {
            return false;
        }

        try
        {
            return algorithm switch
            {
                JwsAlgorithm.RS256 => VerifyRsa(signingInput, signature, RSASignaturePadding.Pkcs1),

                // .NET's PSS uses MGF1 with the same hash and a salt as long as the hash (32 bytes): MOSIP's parameters.
                JwsAlgorithm.PS256 => VerifyRsa(signingInput, signature, RSASignaturePadding.Pss),
                JwsAlgorithm.ES256 or JwsAlgorithm.ES256K => signature.Length == 64
                    && _ecdsa!.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                JwsAlgorithm.EdDSA => OpenSslEd25519.Verify(_ed25519!, signingInput, signature),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private bool VerifyRsa(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature, RSASignaturePadding padding) =>
        signature.Length == (_rsa!.KeySize + 7) / 8
        && _rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, padding);

    private static string? ReadAlgorithmOid(ReadOnlySpan<byte> spki)
    {
        try
        {
            var reader = new AsnReader(spki.ToArray(), AsnEncodingRules.DER);
            AsnReader info = reader.ReadSequence();
            if (reader.HasData)
            {
                return null;
            }

            return info.ReadSequence().ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static JwsVerificationKey? ImportRsa(ReadOnlySpan<byte> spki)
    {
        RSA rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(spki, out int read);
            if (read != spki.Length || rsa.KeySize < MinimumRsaKeySize)
            {
                rsa.Dispose();
                return null;
            }

            return new JwsVerificationKey(JwsKeyKind.Rsa, rsa, null, null);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static JwsVerificationKey? ImportEc(ReadOnlySpan<byte> spki)
    {
        ECDsa ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(spki, out int read);
            JwsKeyKind? kind = read == spki.Length ? CurveKind(ecdsa.ExportParameters(false).Curve) : null;
            if (kind is null)
            {
                ecdsa.Dispose();
                return null;
            }

            return new JwsVerificationKey(kind.Value, null, ecdsa, null);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    private static JwsVerificationKey? ImportEd25519(ReadOnlySpan<byte> spki)
    {
        EvpPkeyHandle? key = OpenSslEd25519.DecodeSubjectPublicKeyInfo(spki);
        return key is null ? null : new JwsVerificationKey(JwsKeyKind.Ed25519, null, null, key);
    }

    private static JwsKeyKind? CurveKind(ECCurve curve)
    {
        if (!curve.IsNamed)
        {
            return null;
        }

        // Some platforms fill in only the friendly name of a named curve, so accept either spelling.
        return (curve.Oid.Value, curve.Oid.FriendlyName?.ToUpperInvariant()) switch
        {
            (P256Oid, _) or (null, "NISTP256" or "ECDSA_P256" or "SECP256R1") => JwsKeyKind.EcP256,
            (Secp256k1Oid, _) or (null, "SECP256K1") => JwsKeyKind.EcSecp256k1,
            _ => null,
        };
    }
}
