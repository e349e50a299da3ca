namespace Kavach.Vaults.Pkcs11;

/// <summary>What a vault alias names on the token.</summary>
internal enum TokenKeyKind
{
    /// <summary>An RSA private key (with its certificate and public key).</summary>
    Rsa,

    /// <summary>An EC private key (with its certificate and public key).</summary>
    Ec,

    /// <summary>An AES secret key.</summary>
    Aes,
}
