using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Vaults.Pkcs11.Interop;
using Kavach.Keys.Vault;

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
    public static (NativeMechanism Mechanism, NativeTemplate Public, NativeTemplate Private) KeyPair(string alias, VaultKeyType type)
    {
        var id = Id(alias);
        var publicTemplate = new NativeTemplate()
            .Add(CkAttribute.Token, true)
            .Add(CkAttribute.Private, false)
            .Add(CkAttribute.Id, id)
            .Add(CkAttribute.Label, alias)
            .Add(CkAttribute.Verify, true);

        // Private keys never leave the token in any form: sensitive, not extractable, not even wrapped.
        var privateTemplate = new NativeTemplate()
            .Add(CkAttribute.Token, true)
            .Add(CkAttribute.Private, true)
            .Add(CkAttribute.Sensitive, true)
            .Add(CkAttribute.Extractable, false)
            .Add(CkAttribute.Id, id)
            .Add(CkAttribute.Label, alias)
            .Add(CkAttribute.Sign, true);

        NativeMechanism mechanism;
        if (type == VaultKeyType.Rsa2048)
        {
            mechanism = new NativeMechanism(CkMechanismType.RsaPkcsKeyPairGen);
            publicTemplate.Add(CkAttribute.ModulusBits, (nuint)2048).Add(CkAttribute.PublicExponent, PublicExponent).Add(CkAttribute.Encrypt, true);
            privateTemplate.Add(CkAttribute.Decrypt, true);
        }
        else
        {
            mechanism = new NativeMechanism(CkMechanismType.EcKeyPairGen);
            publicTemplate.Add(CkAttribute.EcParams, EcCurves.For(type).EncodedOid);
        }

        return (mechanism, publicTemplate.Seal(), privateTemplate.Seal());
    }

    /// <summary>An AES-256 secret key, sensitive and not extractable, for ECB wrapping.</summary>
    public static NativeTemplate SecretKey(string alias) => new NativeTemplate()
        .Add(CkAttribute.Class, CkObjectClass.SecretKey)
        .Add(CkAttribute.KeyType, CkObjectClass.KeyTypeAes)
        .Add(CkAttribute.ValueLen, (nuint)32)
        .Add(CkAttribute.Token, true)
        .Add(CkAttribute.Private, true)
        .Add(CkAttribute.Sensitive, true)
        .Add(CkAttribute.Extractable, false)
        .Add(CkAttribute.Encrypt, true)
        .Add(CkAttribute.Decrypt, true)
        .Add(CkAttribute.Label, alias)
        .Add(CkAttribute.Id, Id(alias))
        .Seal();

    /// <summary>An X.509 certificate object next to the key pair of <paramref name="alias"/>.</summary>
    public static NativeTemplate Certificate(string alias, X509Certificate2 certificate)
    {
        var serial = new AsnWriter(AsnEncodingRules.DER);
        serial.WriteIntegerUnsigned(certificate.SerialNumberBytes.Span);
        return new NativeTemplate()
            .Add(CkAttribute.Class, CkObjectClass.Certificate)
            .Add(CkAttribute.CertificateType, CkObjectClass.X509Certificate)
            .Add(CkAttribute.Token, true)
            .Add(CkAttribute.Private, false)
            .Add(CkAttribute.Label, alias)
            .Add(CkAttribute.Id, Id(alias))
            .Add(CkAttribute.Subject, certificate.SubjectName.RawData)
            .Add(CkAttribute.Issuer, certificate.IssuerName.RawData)
            .Add(CkAttribute.SerialNumber, serial.Encode())
            .Add(CkAttribute.Value, certificate.RawData)
            .Seal();
    }

    /// <summary>Token objects of <paramref name="objectClass"/> whose <c>CKA_ID</c> is the alias.</summary>
    public static NativeTemplate ById(nuint objectClass, string alias) => new NativeTemplate()
        .Add(CkAttribute.Class, objectClass)
        .Add(CkAttribute.Token, true)
        .Add(CkAttribute.Id, Id(alias))
        .Seal();

    /// <summary>Token objects of <paramref name="objectClass"/> whose <c>CKA_LABEL</c> is the alias.</summary>
    public static NativeTemplate ByLabel(nuint objectClass, string alias) => new NativeTemplate()
        .Add(CkAttribute.Class, objectClass)
        .Add(CkAttribute.Token, true)
        .Add(CkAttribute.Label, alias)
        .Seal();
}
