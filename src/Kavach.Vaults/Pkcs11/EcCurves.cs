using System.Formats.Asn1;
using Kavach.Keys.Vault;

namespace Kavach.Vaults.Pkcs11;

/// <summary>The curves of <see cref="VaultKeyType"/>, by key type and by <c>CKA_EC_PARAMS</c>.</summary>
internal static class EcCurves
{
    /// <summary>NIST P-256 (secp256r1, prime256v1).</summary>
    public static readonly EcCurve P256 = Create("P-256", "1.2.840.10045.3.1.7", 32);

    /// <summary>secp256k1 (ES256K).</summary>
    public static readonly EcCurve Secp256k1 = Create("secp256k1", "1.3.132.0.10", 32);

    /// <summary>The curve of an EC key type.</summary>
    public static EcCurve For(VaultKeyType type) => type switch
    {
        VaultKeyType.EcP256 => P256,
        VaultKeyType.EcSecp256k1 => Secp256k1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an EC key type."),
    };

    /// <summary>The curve named by <paramref name="ecParams"/>, or null for a curve Kavach does not use.</summary>
    public static EcCurve? FromParameters(ReadOnlySpan<byte> ecParams)
    {
        if (ecParams.SequenceEqual(P256.EncodedOid))
        {
            return P256;
        }

        return ecParams.SequenceEqual(Secp256k1.EncodedOid) ? Secp256k1 : null;
    }

    private static EcCurve Create(string name, string oid, int fieldSize)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return new EcCurve(name, oid, writer.Encode(), fieldSize);
    }
}
