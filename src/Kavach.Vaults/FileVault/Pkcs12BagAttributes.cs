using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace Kavach.Vaults;

/// <summary>
/// The two PKCS#9 attributes Java's and OpenSSL's PKCS#12 stores put on every bag: friendlyName (the alias, a
/// BMPString) and localKeyId (an OCTET STRING equal on a key bag and its certificate bag).
/// </summary>
internal readonly record struct Pkcs12BagAttributes(string? FriendlyName, byte[]? LocalKeyId)
{
    private const string FriendlyNameOid = "1.2.840.113549.1.9.20";
    private const string LocalKeyIdOid = "1.2.840.113549.1.9.21";

    /// <summary>Reads the attributes of <paramref name="bag"/>; others are ignored.</summary>
    /// <exception cref="InvalidDataException">An attribute is malformed or has several values.</exception>
    public static Pkcs12BagAttributes Read(Pkcs12SafeBag bag)
    {
        string? friendlyName = null;
        byte[]? localKeyId = null;
        foreach (var attribute in bag.Attributes)
        {
            switch (attribute.Oid.Value)
            {
                case FriendlyNameOid:
                    friendlyName = AsnDecoder.ReadCharacterString(SingleValue(attribute), AsnEncodingRules.BER, UniversalTagNumber.BMPString, out _);
                    break;
                case LocalKeyIdOid:
                    localKeyId = AsnDecoder.ReadOctetString(SingleValue(attribute), AsnEncodingRules.BER, out _);
                    break;
                default:
                    break;
            }
        }

        return new Pkcs12BagAttributes(friendlyName, localKeyId);
    }

    /// <summary>Adds friendlyName and localKeyId to <paramref name="bag"/>.</summary>
    public static void Write(Pkcs12SafeBag bag, string alias, byte[] localKeyId)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.BMPString, alias);
        bag.Attributes.Add(new AsnEncodedData(new Oid(FriendlyNameOid), writer.Encode()));
        bag.Attributes.Add(new Pkcs9LocalKeyId(localKeyId));
    }

    private static byte[] SingleValue(CryptographicAttributeObject attribute)
    {
        if (attribute.Values.Count != 1)
        {
            throw new InvalidDataException($"The PKCS#12 attribute {attribute.Oid.Value} must have exactly one value.");
        }

        return attribute.Values[0].RawData;
    }
}
