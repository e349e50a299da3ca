using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults.Pkcs11;

/// <summary>
/// An attribute template for the binding, built fluently and disposed after the call (each attribute holds its value
/// in unmanaged memory).
/// </summary>
/// <remarks>Templates carry labels, ids, certificates and public parameters; never a PIN or a private value.</remarks>
internal sealed class TokenTemplate : IDisposable
{
    /// <summary>The attributes, as the binding's calls take them.</summary>
    public List<IObjectAttribute> Attributes { get; } = [];

    /// <summary>A CK_BBOOL attribute.</summary>
    public TokenTemplate Add(CKA type, bool value) => Add(Factory.Create(type, value));

    /// <summary>A CK_ULONG attribute (CKA_MODULUS_BITS, CKA_VALUE_LEN, ...).</summary>
    public TokenTemplate Add(CKA type, ulong value) => Add(Factory.Create(type, value));

    /// <summary>An object class.</summary>
    public TokenTemplate Add(CKA type, CKO value) => Add(Factory.Create(type, value));

    /// <summary>A key type.</summary>
    public TokenTemplate Add(CKA type, CKK value) => Add(Factory.Create(type, value));

    /// <summary>A certificate type.</summary>
    public TokenTemplate Add(CKA type, CKC value) => Add(Factory.Create(type, value));

    /// <summary>A UTF-8 string attribute (CKA_LABEL), without terminator.</summary>
    public TokenTemplate Add(CKA type, string value) => Add(Factory.Create(type, value));

    /// <summary>A byte-array attribute.</summary>
    public TokenTemplate Add(CKA type, byte[] value) => Add(Factory.Create(type, value));

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var attribute in Attributes)
        {
            attribute.Dispose();
        }

        Attributes.Clear();
    }

    private static Net.Pkcs11Interop.HighLevelAPI.Factories.IObjectAttributeFactory Factory => Pkcs11Module.Factories.ObjectAttributeFactory;

    private TokenTemplate Add(IObjectAttribute attribute)
    {
        Attributes.Add(attribute);
        return this;
    }
}
