using Kavach.Crypto.Interop;

namespace Kavach.Crypto;

/// <summary>Ed25519 (RFC 8032, PureEdDSA) signature verification.</summary>
public static class Ed25519
{
    /// <summary>The algorithm OID used in PKCS#8 and SubjectPublicKeyInfo.</summary>
    public const string Oid = "1.3.101.112";

    /// <summary>Length of a raw public key in bytes.</summary>
    public const int PublicKeySize = 32;

    /// <summary>Length of a signature in bytes.</summary>
    public const int SignatureSize = 64;

    /// <summary>Verifies a signature against a 32-byte raw public key; false for any malformed input.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKeyRaw32, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (publicKeyRaw32.Length != PublicKeySize || signature.Length != SignatureSize)
        {
            return false;
        }

        using EvpPkeyHandle? key = OpenSslEd25519.FromRawPublicKey(publicKeyRaw32);
        return key is not null && OpenSslEd25519.Verify(key, data, signature);
    }

    /// <summary>Verifies a signature against a DER SubjectPublicKeyInfo; false unless it is an Ed25519 key and the signature holds.</summary>
    public static bool VerifySubjectPublicKeyInfo(ReadOnlySpan<byte> spkiDer, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureSize)
        {
            return false;
        }

        using EvpPkeyHandle? key = OpenSslEd25519.DecodeSubjectPublicKeyInfo(spkiDer);
        return key is not null && OpenSslEd25519.Verify(key, data, signature);
    }
}
