namespace Kavach.Vaults.Pkcs11.Interop;

/// <summary>Object classes (<c>CKO_*</c>), certificate types (<c>CKC_*</c>) and key types (<c>CKK_*</c>).</summary>
internal static class CkObjectClass
{
    public const nuint Certificate = 0x001;
    public const nuint PublicKey = 0x002;
    public const nuint PrivateKey = 0x003;
    public const nuint SecretKey = 0x004;

    /// <summary><c>CKC_X_509</c>.</summary>
    public const nuint X509Certificate = 0x000;

    /// <summary><c>CKK_RSA</c>.</summary>
    public const nuint KeyTypeRsa = 0x000;

    /// <summary><c>CKK_EC</c>.</summary>
    public const nuint KeyTypeEc = 0x003;

    /// <summary><c>CKK_AES</c>.</summary>
    public const nuint KeyTypeAes = 0x01F;
}
