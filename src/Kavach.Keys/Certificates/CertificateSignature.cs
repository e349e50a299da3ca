using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Keys.Certificates;

/// <summary>Checks that a certificate's signature verifies under another certificate's public key.</summary>
public static class CertificateSignature
{
    /// <summary>True when <paramref name="certificate"/> was signed (SHA-256 RSA or ECDSA) by the key of <paramref name="issuer"/>.</summary>
    public static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        try
        {
            var reader = new AsnReader(certificate.RawData, AsnEncodingRules.DER);
            var outer = reader.ReadSequence();
            var tbs = outer.ReadEncodedValue();
            outer.ReadSequence(); // signatureAlgorithm
            var signature = outer.ReadBitString(out _);

            using var rsa = issuer.GetRSAPublicKey();
            if (rsa is not null)
            {
                return rsa.VerifyData(tbs.Span, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }

            using var ecdsa = issuer.GetECDsaPublicKey();
            return ecdsa is not null &&
                ecdsa.VerifyData(tbs.Span, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            return false;
        }
    }
}
