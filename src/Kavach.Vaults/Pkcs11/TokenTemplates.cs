using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Keys.Vault;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults.Pkcs11;

/// <summary>
/// The attribute templates Kavach writes and searches with. Objects are laid out as Java's SunPKCS11 keystore (MOSIP's
/// key manager) lays them out, so each can read the other's tokens: private key, public key and certificate share
/// <c>CKA_ID</c> = the alias in UTF-8; the certificate's <c>CKA_LABEL</c> is the alias; a secret key is found by
/// <c>CKA_LABEL</c> = alias.
/// </summary>
internal static class TokenTemplates
{
    // RSA public exponent 65537, big-endian.
    private static readonly byte[] PublicExponent = [0x01, 0x00, 0x01];

    /// <summary>The bytes of <c>CKA_ID</c> for <paramref name="alias"/>.</summary>
    public static byte[] Id(string alias) => Encoding.UTF8.GetBytes(alias);

    /// <summary>Key-pair generation: the mechanism and both templates.</summary>
    public static (IMechanism Mechanism, TokenTemplate Public, TokenTemplate Private) KeyPair(string alias, VaultKeyType type)
    {
        var id = Id(alias);
        var publicTemplate = new TokenTemplate()
            .Add(CKA.CKA_TOKEN, true)
            .Add(CKA.CKA_PRIVATE, false)
            .Add(CKA.CKA_ID, id)
            .Add(CKA.CKA_LABEL, alias)
            .Add(CKA.CKA_VERIFY, true);

        // Private keys never leave the token in any form: sensitive, not extractable, not even wrapped.
        var privateTemplate = new TokenTemplate()
            .Add(CKA.CKA_TOKEN, true)
            .Add(CKA.CKA_PRIVATE, true)
            .Add(CKA.CKA_SENSITIVE, true)
            .Add(CKA.CKA_EXTRACTABLE, false)
            .Add(CKA.CKA_ID, id)
            .Add(CKA.CKA_LABEL, alias)
            .Add(CKA.CKA_SIGN, true);

        IMechanism mechanism;
        if (type is VaultKeyType.Rsa2048 or VaultKeyType.Rsa3072)
        {
            mechanism = TokenMechanisms.RsaKeyPairGen;
            publicTemplate.Add(CKA.CKA_MODULUS_BITS, type == VaultKeyType.Rsa3072 ? 3072UL : 2048UL).Add(CKA.CKA_PUBLIC_EXPONENT, PublicExponent).Add(CKA.CKA_ENCRYPT, true);
            privateTemplate.Add(CKA.CKA_DECRYPT, true);
        }
        else
        {
            mechanism = TokenMechanisms.EcKeyPairGen;
            publicTemplate.Add(CKA.CKA_EC_PARAMS, EcCurves.For(type).EncodedOid);
        }

        return (mechanism, publicTemplate, privateTemplate);
    }

    /// <summary>An AES-256 secret key, sensitive and not extractable, for ECB wrapping.</summary>
    public static TokenTemplate SecretKey(string alias) => new TokenTemplate()
        .Add(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY)
        .Add(CKA.CKA_KEY_TYPE, CKK.CKK_AES)
        .Add(CKA.CKA_VALUE_LEN, 32UL)
        .Add(CKA.CKA_TOKEN, true)
        .Add(CKA.CKA_PRIVATE, true)
        .Add(CKA.CKA_SENSITIVE, true)
        .Add(CKA.CKA_EXTRACTABLE, false)
        .Add(CKA.CKA_ENCRYPT, true)
        .Add(CKA.CKA_DECRYPT, true)
        .Add(CKA.CKA_LABEL, alias)
        .Add(CKA.CKA_ID, Id(alias));

    /// <summary>An X.509 certificate object next to the key pair of <paramref name="alias"/>.</summary>
    public static TokenTemplate Certificate(string alias, X509Certificate2 certificate)
    {
        var serial = new AsnWriter(AsnEncodingRules.DER);
        serial.WriteIntegerUnsigned(certificate.SerialNumberBytes.Span);
        return new TokenTemplate()
            .Add(CKA.CKA_CLASS, CKO.CKO_CERTIFICATE)
            .Add(CKA.CKA_CERTIFICATE_TYPE, CKC.CKC_X_509)
            .Add(CKA.CKA_TOKEN, true)
            .Add(CKA.CKA_PRIVATE, false)
            .Add(CKA.CKA_LABEL, alias)
            .Add(CKA.CKA_ID, Id(alias))
            .Add(CKA.CKA_SUBJECT, certificate.SubjectName.RawData)
            .Add(CKA.CKA_ISSUER, certificate.IssuerName.RawData)
            .Add(CKA.CKA_SERIAL_NUMBER, serial.Encode())
            .Add(CKA.CKA_VALUE, certificate.RawData);
    }

    /// <summary>Token objects of <paramref name="objectClass"/> whose <c>CKA_ID</c> is the alias.</summary>
    public static TokenTemplate ById(CKO objectClass, string alias) => new TokenTemplate()
        .Add(CKA.CKA_CLASS, objectClass)
        .Add(CKA.CKA_TOKEN, true)
        .Add(CKA.CKA_ID, Id(alias));

    /// <summary>Token objects of <paramref name="objectClass"/> whose <c>CKA_LABEL</c> is the alias.</summary>
    public static TokenTemplate ByLabel(CKO objectClass, string alias) => new TokenTemplate()
        .Add(CKA.CKA_CLASS, objectClass)
        .Add(CKA.CKA_TOKEN, true)
        .Add(CKA.CKA_LABEL, alias);
}
