using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults.Pkcs11;

/// <summary>The few session calls the vault makes in a shape of its own: bounded searches, attribute reads, quiet closing.</summary>
internal static class TokenSessions
{
    /// <summary>The handles of the objects matching <paramref name="template"/> (at most <paramref name="max"/>).</summary>
    public static List<IObjectHandle> Find(this ISession session, TokenTemplate template, int max = 8)
    {
        session.FindObjectsInit(template.Attributes);
        try
        {
            return session.FindObjects(max);
        }
        finally
        {
            // Always end the search: a session with a search active refuses every other operation.
            try
            {
                session.FindObjectsFinal();
            }
            catch (Pkcs11Exception)
            {
                // The search's own result (or failure) is what matters.
            }
        }
    }

    /// <summary>
    /// Reads attributes of <paramref name="handle"/>: the value of each, or null when the token withholds it
    /// (sensitive) or the object has no such attribute.
    /// </summary>
    public static byte[]?[] Read(this ISession session, IObjectHandle handle, params CKA[] types)
    {
        var values = session.GetAttributeValue(handle, [.. types]);
        try
        {
            return [.. values.Select(value => value.CannotBeRead ? null : value.GetValueAsByteArray())];
        }
        finally
        {
            values.ForEach(value => value.Dispose());
        }
    }

    /// <summary>A CK_ULONG attribute, or null when the object has none.</summary>
    public static ulong? ReadNumber(this ISession session, IObjectHandle handle, CKA type)
    {
        var values = session.GetAttributeValue(handle, [type]);
        try
        {
            return values[0].CannotBeRead ? null : values[0].GetValueAsUlong();
        }
        finally
        {
            values.ForEach(value => value.Dispose());
        }
    }

    /// <summary><c>C_CloseSession</c>, ignoring failure (the session may already be gone with its token).</summary>
    public static void CloseQuietly(this ISession session)
    {
        try
        {
            session.Dispose();
        }
        catch (Pkcs11Exception)
        {
        }
    }

    /// <summary>A handle for an object id read elsewhere.</summary>
    public static IObjectHandle Handle(ulong id) => Pkcs11Module.Factories.ObjectHandleFactory.Create(id);
}
