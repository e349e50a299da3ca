using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults.Pkcs11;

/// <summary>Reads a public key object from the token as a .NET <see cref="PublicKey"/>.</summary>
internal static class TokenPublicKeys
{
    /// <summary>The public key of the public key object <paramref name="handle"/> (RSA or EC on a known curve).</summary>
    /// <exception cref="Pkcs11Exception">The token gives no usable public key.</exception>
    public static PublicKey Read(ISession session, IObjectHandle handle)
    {
        var keyType = (CKK?)session.ReadNumber(handle, CKA.CKA_KEY_TYPE)
            ?? throw new Pkcs11Exception("C_GetAttributeValue", CKR.CKR_ATTRIBUTE_TYPE_INVALID);
        if (keyType == CKK.CKK_RSA)
        {
            var values = session.Read(handle, CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT);
            if (values[0] is not { Length: > 0 } modulus || values[1] is not { Length: > 0 } exponent)
            {
                throw new Pkcs11Exception("C_GetAttributeValue", CKR.CKR_ATTRIBUTE_TYPE_INVALID);
            }

            using var rsa = RSA.Create(new RSAParameters { Modulus = TrimLeadingZeros(modulus), Exponent = TrimLeadingZeros(exponent) });
            return new PublicKey(rsa);
        }

        if (keyType == CKK.CKK_EC)
        {
            var values = session.Read(handle, CKA.CKA_EC_PARAMS, CKA.CKA_EC_POINT);
            var curve = values[0] is null ? null : EcCurves.FromParameters(values[0]);
            if (curve is null || values[1] is null)
            {
                throw new Pkcs11Exception("C_GetAttributeValue", CKR.CKR_ATTRIBUTE_VALUE_INVALID);
            }

            var point = UncompressedPoint(values[1]!, curve.FieldSize);
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.CreateFromValue(curve.Oid),
                Q = new ECPoint { X = point[1..(1 + curve.FieldSize)], Y = point[(1 + curve.FieldSize)..] },
            });
            return new PublicKey(ecdsa);
        }

        throw new Pkcs11Exception("C_GetAttributeValue", CKR.CKR_ATTRIBUTE_VALUE_INVALID);
    }

    /// <summary>The SubjectPublicKeyInfo of <paramref name="publicKey"/>, for comparing keys.</summary>
    public static byte[] SubjectPublicKeyInfo(PublicKey publicKey) => publicKey.ExportSubjectPublicKeyInfo();

    // CKA_EC_POINT is a DER OCTET STRING around 04||X||Y (v2.40); some tokens give the raw point.
    private static byte[] UncompressedPoint(byte[] value, int fieldSize)
    {
        var length = 1 + 2 * fieldSize;
        if (value.Length == length && value[0] == 0x04)
        {
            return value;
        }

        var point = AsnDecoder.ReadOctetString(value, AsnEncodingRules.BER, out var consumed);
        if (consumed != value.Length || point.Length != length || point[0] != 0x04)
        {
            throw new Pkcs11Exception("C_GetAttributeValue", CKR.CKR_ATTRIBUTE_VALUE_INVALID);
        }

        return point;
    }

    private static byte[] TrimLeadingZeros(byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value[start..];
    }
}
