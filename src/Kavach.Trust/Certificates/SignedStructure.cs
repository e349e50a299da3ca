using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;

namespace Kavach.Trust.Certificates;

/// <summary>
/// Verifies the signature of an X.509 signed structure — a certificate or a CRL, both
/// <c>SEQUENCE { tbs, signatureAlgorithm, BIT STRING }</c> — under a public key. Accepts what CAs in the field
/// sign with (RSA PKCS#1 v1.5 and PSS, ECDSA, Ed25519; SHA-1 and SHA-2): deciding whether an algorithm is
/// acceptable is the caller's policy, this only answers "did this key sign it".
/// </summary>
internal static class SignedStructure
{
    /// <summary>True when <paramref name="signedDer"/> was signed by the private key of <paramref name="key"/>; false for anything else, never throws on bad input.</summary>
    public static bool IsSignedBy(ReadOnlyMemory<byte> signedDer, PublicKey key)
    {
        try
        {
            var outer = new AsnReader(signedDer, AsnEncodingRules.DER).ReadSequence();
            var tbs = outer.ReadEncodedValue();
            var algorithm = outer.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            var parameters = algorithm.HasData ? algorithm.ReadEncodedValue() : ReadOnlyMemory<byte>.Empty;
            var signature = outer.ReadBitString(out var unused);
            if (unused != 0 || outer.HasData)
            {
                return false;
            }

            return Verify(oid, parameters, tbs.Span, signature, key);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "Verifying what an existing certificate or CRL says; whether SHA-1 is acceptable is decided by the caller's policy.")]
    private static bool Verify(string oid, ReadOnlyMemory<byte> parameters, ReadOnlySpan<byte> tbs, byte[] signature, PublicKey key)
    {
        switch (oid)
        {
            case "1.2.840.113549.1.1.5":
                return VerifyRsa(key, tbs, signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
            case "1.2.840.113549.1.1.11":
                return VerifyRsa(key, tbs, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            case "1.2.840.113549.1.1.12":
                return VerifyRsa(key, tbs, signature, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1);
            case "1.2.840.113549.1.1.13":
                return VerifyRsa(key, tbs, signature, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1);
            case "1.2.840.113549.1.1.10":
                return PssHash(parameters) is { } pssHash && VerifyRsa(key, tbs, signature, pssHash, RSASignaturePadding.Pss);
            case "1.2.840.10045.4.1":
                return VerifyEcdsa(key, tbs, signature, HashAlgorithmName.SHA1);
            case "1.2.840.10045.4.3.2":
                return VerifyEcdsa(key, tbs, signature, HashAlgorithmName.SHA256);
            case "1.2.840.10045.4.3.3":
                return VerifyEcdsa(key, tbs, signature, HashAlgorithmName.SHA384);
            case "1.2.840.10045.4.3.4":
                return VerifyEcdsa(key, tbs, signature, HashAlgorithmName.SHA512);
            case "1.3.101.112":
                return key.Oid.Value == "1.3.101.112" && Ed25519.VerifySubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), tbs, signature);
            default:
                return false;
        }
    }

    private static bool VerifyRsa(PublicKey key, ReadOnlySpan<byte> tbs, byte[] signature, HashAlgorithmName hash, RSASignaturePadding padding)
    {
        using var rsa = key.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(tbs, signature, hash, padding);
    }

    private static bool VerifyEcdsa(PublicKey key, ReadOnlySpan<byte> tbs, byte[] signature, HashAlgorithmName hash)
    {
        using var ecdsa = key.GetECDsaPublicKey();
        return ecdsa is not null && ecdsa.VerifyData(tbs, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>
    /// The hash of RSASSA-PSS parameters when .NET can verify them: MGF1 with the same hash and a salt as long as the
    /// hash (what every CA emits); null otherwise.
    /// </summary>
    private static HashAlgorithmName? PssHash(ReadOnlyMemory<byte> parameters)
    {
        if (parameters.IsEmpty)
        {
            return null;
        }

        var reader = new AsnReader(parameters, AsnEncodingRules.DER).ReadSequence();
        string hashOid = "1.3.14.3.2.26";
        string? mgfHashOid = "1.3.14.3.2.26";
        var saltLength = 20;
        if (reader.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            hashOid = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence().ReadObjectIdentifier();
        }

        if (reader.HasData && reader.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
        {
            var mgf = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1)).ReadSequence();
            mgfHashOid = mgf.ReadObjectIdentifier() == "1.2.840.113549.1.1.8" ? mgf.ReadSequence().ReadObjectIdentifier() : null;
        }

        if (reader.HasData && reader.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 2)))
        {
            var salt = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2)).ReadInteger();
            saltLength = salt > 1024 ? -1 : (int)salt;
        }

        (HashAlgorithmName Hash, int Length)? hash = hashOid switch
        {
            "2.16.840.1.101.3.4.2.1" => (HashAlgorithmName.SHA256, 32),
            "2.16.840.1.101.3.4.2.2" => (HashAlgorithmName.SHA384, 48),
            "2.16.840.1.101.3.4.2.3" => (HashAlgorithmName.SHA512, 64),
            _ => null,
        };
        return hash is { } h && mgfHashOid == hashOid && saltLength == h.Length ? h.Hash : null;
    }
}
