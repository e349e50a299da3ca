using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Devices.Tests.Deregistration;

/// <summary>Reads a DER CRL's entries as (serial in upper-case hex, reason code) pairs.</summary>
internal static class CrlEntries
{
    public static IReadOnlyDictionary<string, X509RevocationReason?> Read(byte[] crl)
    {
        // TBSCertList: version, signature algorithm, issuer, thisUpdate, nextUpdate, revokedCertificates, extensions.
        var tbs = new AsnReader(crl, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        _ = tbs.ReadInteger();
        _ = tbs.ReadSequence();
        _ = tbs.ReadEncodedValue();
        SkipTime(tbs);
        SkipTime(tbs);
        var result = new Dictionary<string, X509RevocationReason?>(StringComparer.Ordinal);
        if (!tbs.HasData || tbs.PeekTag() != Asn1Tag.Sequence)
        {
            return result;
        }

        var entries = tbs.ReadSequence();
        while (entries.HasData)
        {
            var entry = entries.ReadSequence();
            var serial = Convert.ToHexString(entry.ReadIntegerBytes().Span).TrimStart('0');
            SkipTime(entry);
            X509RevocationReason? reason = null;
            if (entry.HasData)
            {
                var extensions = entry.ReadSequence();
                while (extensions.HasData)
                {
                    var extension = extensions.ReadSequence();
                    if (extension.ReadObjectIdentifier() == "2.5.29.21")
                    {
                        var value = new AsnReader(extension.ReadOctetString(), AsnEncodingRules.DER);
                        reason = (X509RevocationReason)(int)new BigInteger(value.ReadEnumeratedBytes().Span, isUnsigned: true, isBigEndian: true);
                    }
                }
            }

            result[serial] = reason;
        }

        return result;
    }

    private static void SkipTime(AsnReader reader)
    {
        if (reader.PeekTag().TagValue == (int)UniversalTagNumber.UtcTime)
        {
            _ = reader.ReadUtcTime();
        }
        else
        {
            _ = reader.ReadGeneralizedTime();
        }
    }
}
