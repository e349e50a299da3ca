using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Trust.Certificates;

/// <summary>
/// "Certs-only" PKCS#7 / CMS SignedData (no content, no signers): MOSIP's p7b (spec §6.3 step 8). Written by hand
/// so the certificates keep the order given — leaf first, root last — which MOSIP's reader relies on.
/// </summary>
public static class CertsOnlyPkcs7
{
    private const string SignedDataOid = "1.2.840.113549.1.7.2";
    private const string DataOid = "1.2.840.113549.1.7.1";
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);

    /// <summary>The DER encoding of a SignedData holding <paramref name="certificates"/> in order.</summary>
    public static byte[] Encode(IEnumerable<X509Certificate2> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(SignedDataOid);
            using (writer.PushSequence(Context0))
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSetOf())
                {
                }

                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(DataOid);
                }

                // [0] IMPLICIT SET OF Certificate, written as a constructed [0] so DER's SET OF sorting does not reorder it.
                using (writer.PushSequence(Context0))
                {
                    foreach (var certificate in certificates)
                    {
                        writer.WriteEncodedValue(certificate.RawData);
                    }
                }

                using (writer.PushSetOf())
                {
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>The certificates of a (BER or DER) PKCS#7 SignedData, in encoded order; false when it is not one.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> encoded, out IReadOnlyList<X509Certificate2> certificates)
    {
        certificates = [];
        try
        {
            var contentInfo = new AsnReader(encoded, AsnEncodingRules.BER).ReadSequence();
            if (contentInfo.ReadObjectIdentifier() != SignedDataOid)
            {
                return false;
            }

            var signedData = contentInfo.ReadSequence(Context0).ReadSequence();
            signedData.ReadInteger();
            signedData.ReadSetOf(skipSortOrderValidation: true);
            signedData.ReadSequence();
            var found = new List<X509Certificate2>();
            if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(Context0))
            {
                var set = signedData.ReadSetOf(true, Context0);
                while (set.HasData)
                {
                    var tag = set.PeekTag();
                    var value = set.ReadEncodedValue();
                    if (tag.HasSameClassAndValue(Asn1Tag.Sequence))
                    {
                        found.Add(X509CertificateLoader.LoadCertificate(value.Span));
                    }
                }
            }

            certificates = found;
            return true;
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            return false;
        }
    }
}
