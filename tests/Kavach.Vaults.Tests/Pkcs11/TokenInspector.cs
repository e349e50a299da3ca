using System.Text;
using Kavach.Vaults.Pkcs11.Interop;
using Kavach.Testing;

namespace Kavach.Vaults.Tests.Pkcs11;

/// <summary>Looks at a token's objects through Kavach's PKCS#11 binding, as any other PKCS#11 application could.</summary>
internal sealed class TokenInspector : IDisposable
{
    /// <summary><c>CKA_PRIVATE_EXPONENT</c>: never readable from a sensitive key.</summary>
    public const nuint PrivateExponent = 0x123;

    private readonly Pkcs11Module _module;
    private readonly TokenSession _session;

    public TokenInspector(SoftHsmToken token)
    {
        _module = Pkcs11Module.Acquire(token.Library);
        _module.Gate.EnterReadLock();
        var slot = SlotFinder.Find(_module.Functions, token.Label) ?? throw new InvalidOperationException($"No token {token.Label}.");
        var rv = (CkResult)_module.Functions.OpenSession(slot, CkFlags.SerialSession | CkFlags.RwSession, IntPtr.Zero, IntPtr.Zero, out var handle);
        Assert.Equal(CkResult.Ok, rv);
        _session = new TokenSession(_module.Functions, handle);
        _session.Login(Encoding.UTF8.GetBytes(token.Pin));
    }

    /// <summary>Handles of the objects of <paramref name="objectClass"/> (all of them when <paramref name="id"/> is null).</summary>
    public nuint[] Find(nuint objectClass, string? id = null, string? label = null)
    {
        using var template = new NativeTemplate().Add(CkAttribute.Class, objectClass);
        if (id is not null)
        {
            template.Add(CkAttribute.Id, Encoding.UTF8.GetBytes(id));
        }

        if (label is not null)
        {
            template.Add(CkAttribute.Label, label);
        }

        return _session.FindObjects(template.Seal(), 1000);
    }

    /// <summary>An attribute's value, or null when the token withholds it.</summary>
    public byte[]? Attribute(nuint handle, nuint type) => _session.GetAttributes(handle, type)[0];

    /// <summary>A CK_BBOOL attribute.</summary>
    public bool Flag(nuint handle, nuint type) => Attribute(handle, type) is [1];

    public void Dispose()
    {
        _session.Close();
        _module.Gate.ExitReadLock();
        _module.Release();
    }
}
