using System.Globalization;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;

namespace Kavach.Trust.Certificates;

/// <summary>What the trust store computes about a certificate, in the forms MOSIP stores (spec §5.5, §6.1).</summary>
public static class CertificateFacts
{
    /// <summary>SHA-1 of the DER, lower-case hex: <c>cert_thumbprint</c> of the trust store tables.</summary>
    public static string Thumbprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Thumbprints.Sha1LowerHex(certificate.RawData);
    }

    /// <summary>The serial number in decimal (<c>cert_serial_no</c>), negative for the negative serials MOSIP can make.</summary>
    public static string SerialNumber(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return SerialNumber(certificate.SerialNumberBytes.Span);
    }

    /// <summary>A DER INTEGER's content bytes (big-endian two's complement) in decimal.</summary>
    public static string SerialNumber(ReadOnlySpan<byte> bigEndianInteger) =>
        new BigInteger(bigEndianInteger, isUnsigned: false, isBigEndian: true).ToString(CultureInfo.InvariantCulture);

    /// <summary>SHA-256 of the SubjectPublicKeyInfo, upper-case hex: identifies a CA key across its certificates and domains.</summary>
    public static string KeyHash(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Thumbprints.Sha256UpperHex(certificate.PublicKey.ExportSubjectPublicKeyInfo());
    }

    /// <summary>MOSIP's self-signed test: the certificate verifies under its own public key.</summary>
    public static bool IsSelfSigned(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return SignedStructure.IsSignedBy(certificate.RawData, certificate.PublicKey);
    }

    /// <summary>True when <paramref name="certificate"/> names <paramref name="issuer"/> as its issuer and verifies under its key.</summary>
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        return certificate.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData) &&
            SignedStructure.IsSignedBy(certificate.RawData, issuer.PublicKey);
    }

    /// <summary>notBefore in UTC.</summary>
    public static DateTime NotBefore(X509Certificate2 certificate) => certificate.NotBefore.ToUniversalTime();

    /// <summary>notAfter in UTC.</summary>
    public static DateTime NotAfter(X509Certificate2 certificate) => certificate.NotAfter.ToUniversalTime();

    /// <summary>True when <paramref name="nowUtc"/> lies inside the validity period (bounds included).</summary>
    public static bool IsTimeValid(X509Certificate2 certificate, DateTime nowUtc) =>
        nowUtc >= NotBefore(certificate) && nowUtc <= NotAfter(certificate);

    /// <summary>The RSA modulus size in bits, or null for other key types.</summary>
    public static int? RsaKeySize(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var rsa = certificate.GetRSAPublicKey();
        return rsa?.KeySize;
    }

    /// <summary>The signature algorithm under Java's name (<c>getSigAlgName()</c>), which MOSIP's checks test; the OID when unknown.</summary>
    public static string SignatureAlgorithmName(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var oid = certificate.SignatureAlgorithm.Value ?? string.Empty;
        return oid switch
        {
            "1.2.840.113549.1.1.4" => "MD5withRSA",
            "1.2.840.113549.1.1.5" => "SHA1withRSA",
            "1.2.840.113549.1.1.11" => "SHA256withRSA",
            "1.2.840.113549.1.1.12" => "SHA384withRSA",
            "1.2.840.113549.1.1.13" => "SHA512withRSA",
            "1.2.840.113549.1.1.14" => "SHA224withRSA",
            "1.2.840.113549.1.1.10" => "RSASSA-PSS",
            "1.2.840.10045.4.1" => "SHA1withECDSA",
            "1.2.840.10045.4.3.1" => "SHA224withECDSA",
            "1.2.840.10045.4.3.2" => "SHA256withECDSA",
            "1.2.840.10045.4.3.3" => "SHA384withECDSA",
            "1.2.840.10045.4.3.4" => "SHA512withECDSA",
            "1.2.840.10040.4.3" => "SHA1withDSA",
            "2.16.840.1.101.3.4.3.2" => "SHA256withDSA",
            "1.3.101.112" => "Ed25519",
            "1.3.101.113" => "Ed448",
            _ => oid,
        };
    }

    /// <summary>
    /// The signature check of spec §6.3 step 4: a SHA-2 hash (SHA-224, -256, -384 or -512) with RSA or ECDSA. MOSIP
    /// tests that the Java name starts with <c>SHA2</c>, which also refuses SHA-384 and SHA-512.
    /// </summary>
    public static bool HasSha2Signature(X509Certificate2 certificate)
    {
        var name = SignatureAlgorithmName(certificate);
        return name is "SHA224withRSA" or "SHA256withRSA" or "SHA384withRSA" or "SHA512withRSA"
            or "SHA224withECDSA" or "SHA256withECDSA" or "SHA384withECDSA" or "SHA512withECDSA";
    }
}
