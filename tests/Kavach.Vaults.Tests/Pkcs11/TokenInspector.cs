using System.Text;
using Kavach.Testing;
using Kavach.Vaults.Pkcs11;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults.Tests.Pkcs11;

/// <summary>
/// Looks at a token's objects through the PKCS#11 binding, as any other PKCS#11 application could. It shares the
/// vault's library state (Cryptoki is initialised once per process), so it goes through the same module.
/// </summary>
internal sealed class TokenInspector : IDisposable
{
    private readonly Pkcs11Module _module;
    private readonly ISession _session;

    public TokenInspector(SoftHsmToken token)
    {
        _module = Pkcs11Module.Acquire(token.Library);
        _module.Initialize(reset: false, seenGeneration: _module.Generation);
        _module.Gate.EnterReadLock();
        var slot = TokenSlots.Find(_module.Library!, token.Label) ?? throw new InvalidOperationException($"No token {token.Label}.");
        _session = slot.OpenSession(SessionType.ReadWrite);
        try
        {
            _session.Login(CKU.CKU_USER, Encoding.UTF8.GetBytes(token.Pin));
        }
        catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
        }
    }

    /// <summary>Handles of the objects of <paramref name="objectClass"/> (all of them when <paramref name="id"/> is null).</summary>
    public List<IObjectHandle> Find(CKO objectClass, string? id = null, string? label = null)
    {
        using var template = new TokenTemplate().Add(CKA.CKA_CLASS, objectClass);
        if (id is not null)
        {
            template.Add(CKA.CKA_ID, Encoding.UTF8.GetBytes(id));
        }

        if (label is not null)
        {
            template.Add(CKA.CKA_LABEL, label);
        }

        return _session.Find(template, 1000);
    }

    /// <summary>An attribute's value, or null when the token withholds it.</summary>
    public byte[]? Attribute(IObjectHandle handle, CKA type) => _session.Read(handle, type)[0];

    /// <summary>A CK_BBOOL attribute.</summary>
    public bool Flag(IObjectHandle handle, CKA type) => Attribute(handle, type) is [1];

    public void Dispose()
    {
        _session.CloseQuietly();
        _module.Gate.ExitReadLock();
        _module.Release();
    }
}
