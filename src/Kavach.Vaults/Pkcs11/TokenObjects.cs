using System.Security.Cryptography.X509Certificates;
using Kavach.Vaults.Pkcs11.Interop;

namespace Kavach.Vaults.Pkcs11;

/// <summary>Searches for, reads and destroys the objects behind a vault alias (layout: <see cref="TokenTemplates"/>).</summary>
internal static class TokenObjects
{
    /// <summary>The private key of <paramref name="alias"/> with what Sign and Decrypt need to know about it, or null.</summary>
    public static TokenKey? FindPair(TokenSession session, string alias)
    {
        using var template = TokenTemplates.ById(CkObjectClass.PrivateKey, alias);
        var handles = session.FindObjects(template, 1);
        if (handles.Length == 0)
        {
            return null;
        }

        var handle = handles[0];
        var keyType = ReadKeyType(session, handle);
        if (keyType == CkObjectClass.KeyTypeRsa)
        {
            // The modulus of a private key is public information: sensitive keys still give it.
            var modulus = session.GetAttributes(handle, CkAttribute.Modulus)[0];
            if (modulus is not { Length: > 0 })
            {
                throw new Pkcs11Exception("C_GetAttributeValue", CkResult.AttributeTypeInvalid, "the RSA private key gives no modulus");
            }

            var trimmed = modulus.AsSpan().TrimStart((byte)0).ToArray();
            return new TokenKey(handle, TokenKeyKind.Rsa, trimmed.Length, trimmed);
        }

        if (keyType == CkObjectClass.KeyTypeEc)
        {
            var parameters = session.GetAttributes(handle, CkAttribute.EcParams)[0];
            var curve = parameters is null ? null : EcCurves.FromParameters(parameters);
            if (curve is null)
            {
                throw new Pkcs11Exception("C_GetAttributeValue", CkResult.AttributeValueInvalid, "the EC private key is on a curve Kavach does not use");
            }

            return new TokenKey(handle, TokenKeyKind.Ec, curve.FieldSize, null);
        }

        throw new Pkcs11Exception("C_GetAttributeValue", CkResult.AttributeValueInvalid, $"the private key has unsupported key type {keyType}");
    }

    /// <summary>The AES secret key of <paramref name="alias"/>, or null.</summary>
    public static TokenKey? FindSecret(TokenSession session, string alias)
    {
        using var template = TokenTemplates.ByLabel(CkObjectClass.SecretKey, alias);
        var handles = session.FindObjects(template, 1);
        if (handles.Length == 0)
        {
            return null;
        }

        if (ReadKeyType(session, handles[0]) != CkObjectClass.KeyTypeAes)
        {
            throw new Pkcs11Exception("C_GetAttributeValue", CkResult.AttributeValueInvalid, "the secret key is not an AES key");
        }

        return new TokenKey(handles[0], TokenKeyKind.Aes, 32, null);
    }

    /// <summary>The certificate objects of <paramref name="alias"/> (by <c>CKA_ID</c>, else by <c>CKA_LABEL</c>).</summary>
    public static nuint[] FindCertificates(TokenSession session, string alias)
    {
        using (var byId = TokenTemplates.ById(CkObjectClass.Certificate, alias))
        {
            var handles = session.FindObjects(byId);
            if (handles.Length > 0)
            {
                return handles;
            }
        }

        using var byLabel = TokenTemplates.ByLabel(CkObjectClass.Certificate, alias);
        return session.FindObjects(byLabel);
    }

    /// <summary>The DER certificate in object <paramref name="handle"/>.</summary>
    public static X509Certificate2 ReadCertificate(TokenSession session, nuint handle)
    {
        var value = session.GetAttributes(handle, CkAttribute.Value)[0]
            ?? throw new Pkcs11Exception("C_GetAttributeValue", CkResult.AttributeTypeInvalid, "the certificate object holds no value");
        return X509CertificateLoader.LoadCertificate(value);
    }

    /// <summary>The public key object of <paramref name="alias"/>, or null.</summary>
    public static nuint? FindPublicKey(TokenSession session, string alias)
    {
        using var template = TokenTemplates.ById(CkObjectClass.PublicKey, alias);
        var handles = session.FindObjects(template, 1);
        return handles.Length == 0 ? null : handles[0];
    }

    /// <summary>Destroys every object of <paramref name="alias"/>; returns how many.</summary>
    public static int DestroyAll(TokenSession session, string alias)
    {
        var handles = new HashSet<nuint>();
        foreach (var objectClass in new[] { CkObjectClass.PrivateKey, CkObjectClass.PublicKey, CkObjectClass.Certificate, CkObjectClass.SecretKey })
        {
            using (var byId = TokenTemplates.ById(objectClass, alias))
            {
                handles.UnionWith(session.FindObjects(byId, 64));
            }

            using var byLabel = TokenTemplates.ByLabel(objectClass, alias);
            handles.UnionWith(session.FindObjects(byLabel, 64));
        }

        foreach (var handle in handles)
        {
            session.DestroyObject(handle);
        }

        return handles.Count;
    }

    private static nuint ReadKeyType(TokenSession session, nuint handle)
    {
        var value = session.GetAttributes(handle, CkAttribute.KeyType)[0];
        return value is { Length: 8 } ? (nuint)BitConverter.ToUInt64(value) : throw new Pkcs11Exception("C_GetAttributeValue", CkResult.AttributeTypeInvalid, "the key has no key type");
    }
}
