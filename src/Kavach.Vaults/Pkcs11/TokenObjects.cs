using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults.Pkcs11;

/// <summary>Searches for, reads and destroys the objects behind a vault alias (layout: <see cref="TokenTemplates"/>).</summary>
internal static class TokenObjects
{
    /// <summary>The private key of <paramref name="alias"/> with what Sign and Decrypt need to know about it, or null.</summary>
    public static TokenKey? FindPair(ISession session, string alias)
    {
        using var template = TokenTemplates.ById(CKO.CKO_PRIVATE_KEY, alias);
        var handles = session.Find(template, 1);
        if (handles.Count == 0)
        {
            return null;
        }

        var handle = handles[0];
        var keyType = ReadKeyType(session, handle);
        if (keyType == CKK.CKK_RSA)
        {
            // The modulus of a private key is public information: sensitive keys still give it.
            var modulus = session.Read(handle, CKA.CKA_MODULUS)[0];
            if (modulus is not { Length: > 0 })
            {
                throw new Pkcs11Exception("C_GetAttributeValue", CKR.CKR_ATTRIBUTE_TYPE_INVALID);
            }

            var trimmed = modulus.AsSpan().TrimStart((byte)0).ToArray();
            return new TokenKey(handle, TokenKeyKind.Rsa, trimmed.Length, trimmed);
        }

        if (keyType == CKK.CKK_EC)
        {
            var parameters = session.Read(handle, CKA.CKA_EC_PARAMS)[0];
            var curve = parameters is null ? null : EcCurves.FromParameters(parameters);
            if (curve is null)
            {
                throw new Pkcs11Exception("C_GetAttributeValue", CKR.CKR_ATTRIBUTE_VALUE_INVALID);
            }

            return new TokenKey(handle, TokenKeyKind.Ec, curve.FieldSize, null);
        }

        throw new Pkcs11Exception("C_GetAttributeValue", CKR.CKR_ATTRIBUTE_VALUE_INVALID);
    }

    /// <summary>The AES secret key of <paramref name="alias"/>, or null.</summary>
    public static TokenKey? FindSecret(ISession session, string alias)
    {
        using var template = TokenTemplates.ByLabel(CKO.CKO_SECRET_KEY, alias);
        var handles = session.Find(template, 1);
        if (handles.Count == 0)
        {
            return null;
        }

        if (ReadKeyType(session, handles[0]) != CKK.CKK_AES)
        {
            throw new Pkcs11Exception("C_GetAttributeValue", CKR.CKR_ATTRIBUTE_VALUE_INVALID);
        }

        return new TokenKey(handles[0], TokenKeyKind.Aes, 32, null);
    }

    /// <summary>The certificate objects of <paramref name="alias"/> (by <c>CKA_ID</c>, else by <c>CKA_LABEL</c>).</summary>
    public static List<IObjectHandle> FindCertificates(ISession session, string alias)
    {
        using (var byId = TokenTemplates.ById(CKO.CKO_CERTIFICATE, alias))
        {
            var handles = session.Find(byId);
            if (handles.Count > 0)
            {
                return handles;
            }
        }

        using var byLabel = TokenTemplates.ByLabel(CKO.CKO_CERTIFICATE, alias);
        return session.Find(byLabel);
    }

    /// <summary>The DER certificate in object <paramref name="handle"/>.</summary>
    public static X509Certificate2 ReadCertificate(ISession session, IObjectHandle handle)
    {
        var value = session.Read(handle, CKA.CKA_VALUE)[0]
            ?? throw new Pkcs11Exception("C_GetAttributeValue", CKR.CKR_ATTRIBUTE_TYPE_INVALID);
        return X509CertificateLoader.LoadCertificate(value);
    }

    /// <summary>The public key object of <paramref name="alias"/>, or null.</summary>
    public static IObjectHandle? FindPublicKey(ISession session, string alias)
    {
        using var template = TokenTemplates.ById(CKO.CKO_PUBLIC_KEY, alias);
        var handles = session.Find(template, 1);
        return handles.Count == 0 ? null : handles[0];
    }

    /// <summary>Destroys every object of <paramref name="alias"/>; returns how many.</summary>
    public static int DestroyAll(ISession session, string alias)
    {
        var handles = new Dictionary<ulong, IObjectHandle>();
        foreach (var objectClass in new[] { CKO.CKO_PRIVATE_KEY, CKO.CKO_PUBLIC_KEY, CKO.CKO_CERTIFICATE, CKO.CKO_SECRET_KEY })
        {
            using (var byId = TokenTemplates.ById(objectClass, alias))
            {
                Collect(handles, session.Find(byId, 64));
            }

            using var byLabel = TokenTemplates.ByLabel(objectClass, alias);
            Collect(handles, session.Find(byLabel, 64));
        }

        foreach (var handle in handles.Values)
        {
            session.DestroyObject(handle);
        }

        return handles.Count;
    }

    private static CKK ReadKeyType(ISession session, IObjectHandle handle) =>
        session.ReadNumber(handle, CKA.CKA_KEY_TYPE) is { } type ? (CKK)type : throw new Pkcs11Exception("C_GetAttributeValue", CKR.CKR_ATTRIBUTE_TYPE_INVALID);

    private static void Collect(Dictionary<ulong, IObjectHandle> handles, List<IObjectHandle> found)
    {
        foreach (var handle in found)
        {
            handles[handle.ObjectId] = handle;
        }
    }
}
