using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Keys.Errors;
using Kavach.Trust.Certificates;
using Kavach.Trust.Errors;

namespace Kavach.Trust.Revocation;

/// <summary>
/// Reads X.509 CRLs (RFC 5280 §5). Full CRLs only: a delta CRL, or a critical extension other than the issuing
/// distribution point, is refused (KER-PCM-105), because Kavach keeps one CRL per CA and only ever reads the list of
/// revoked serials — which a partitioned CRL's scope cannot make wrong, but a delta's replacing the base CRL would.
/// </summary>
public static class CrlParser
{
    private const string CrlNumberOid = "2.5.29.20";
    private const string DeltaCrlIndicatorOid = "2.5.29.27";
    private const string IssuingDistributionPointOid = "2.5.29.28";
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";
    private const string ReasonCodeOid = "2.5.29.21";
    private const string InvalidityDateOid = "2.5.29.24";
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);

    /// <summary>A CRL given as PEM (<c>X509 CRL</c>) or base64url/base64 DER; KER-PCM-101 when it is neither.</summary>
    public static Result<ParsedCrl> ParseText(string? data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return TrustErrors.InvalidCrl;
        }

        var text = data.Replace("\\n", "\n", StringComparison.Ordinal).Trim();
        byte[]? der = text.Contains("-----BEGIN", StringComparison.Ordinal)
            ? CertificateInput.PemBlock(text, "X509 CRL")
            : Base64Url.TryDecodeLenient(text, out var decoded) ? decoded : null;
        return der is null ? TrustErrors.InvalidCrl : Parse(der);
    }

    /// <summary>A DER CRL.</summary>
    public static Result<ParsedCrl> Parse(byte[] der)
    {
        ArgumentNullException.ThrowIfNull(der);
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var tbs = outer.ReadSequence();
            outer.ReadSequence();
            outer.ReadBitString(out _);
            if (outer.HasData)
            {
                return TrustErrors.InvalidCrl;
            }

            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                tbs.ReadInteger();
            }

            tbs.ReadSequence();
            var issuer = new X500DistinguishedName(tbs.ReadEncodedValue().Span);
            var thisUpdate = ReadTime(tbs);
            DateTime? nextUpdate = tbs.HasData && IsTime(tbs.PeekTag()) ? ReadTime(tbs) : null;
            var serials = new HashSet<string>(StringComparer.Ordinal);
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = tbs.ReadSequence();
                while (entries.HasData)
                {
                    var entry = entries.ReadSequence();
                    serials.Add(CertificateFacts.SerialNumber(entry.ReadIntegerBytes().Span));
                    ReadTime(entry);
                    if (entry.HasData && !ExtensionsSupported(entry.ReadSequence(), ReasonCodeOid, InvalidityDateOid))
                    {
                        return TrustErrors.CrlNotSupported;
                    }
                }
            }

            string? number = null;
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Context0))
            {
                var extensions = tbs.ReadSequence(Context0).ReadSequence();
                while (extensions.HasData)
                {
                    var (oid, critical, value) = ReadExtension(extensions.ReadSequence());
                    if (oid == DeltaCrlIndicatorOid)
                    {
                        return TrustErrors.CrlNotSupported;
                    }

                    if (oid == CrlNumberOid)
                    {
                        number = CertificateFacts.SerialNumber(new AsnReader(value, AsnEncodingRules.DER).ReadIntegerBytes().Span);
                    }
                    else if (critical && oid is not IssuingDistributionPointOid and not AuthorityKeyIdentifierOid)
                    {
                        return TrustErrors.CrlNotSupported;
                    }
                }
            }

            return tbs.HasData ? TrustErrors.InvalidCrl : new ParsedCrl(der, issuer, thisUpdate, nextUpdate, number, serials);
        }
        catch (Exception e) when (e is AsnContentException or System.Security.Cryptography.CryptographicException)
        {
            return TrustErrors.InvalidCrl;
        }
    }

    private static bool ExtensionsSupported(AsnReader extensions, params string[] known)
    {
        while (extensions.HasData)
        {
            var (oid, critical, _) = ReadExtension(extensions.ReadSequence());
            if (critical && !known.Contains(oid))
            {
                return false;
            }
        }

        return true;
    }

    private static (string Oid, bool Critical, byte[] Value) ReadExtension(AsnReader extension)
    {
        var oid = extension.ReadObjectIdentifier();
        var critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
        return (oid, critical, extension.ReadOctetString());
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UtcTime)) || tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.GeneralizedTime));

    private static DateTime ReadTime(AsnReader reader) =>
        (reader.PeekTag().HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UtcTime))
            ? reader.ReadUtcTime()
            : reader.ReadGeneralizedTime()).UtcDateTime;
}
