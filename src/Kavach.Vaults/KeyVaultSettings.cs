namespace Kavach.Vaults;

/// <summary>Which vault a host opens: a PKCS#12 file (<see cref="File"/>) or an HSM through PKCS#11 (<see cref="Pkcs11"/>); exactly one is set.</summary>
/// <param name="File">The file vault's directory and file names.</param>
/// <param name="Pkcs11">The PKCS#11 library, token and PIN source.</param>
public sealed record KeyVaultSettings(Pkcs12VaultOptions? File, Pkcs11VaultOptions? Pkcs11)
{
    /// <summary>The PKCS#12 file vault in <paramref name="options"/>' directory.</summary>
    public static KeyVaultSettings ForFile(Pkcs12VaultOptions options) => new(options, null);

    /// <summary>The vault in a PKCS#11 token.</summary>
    public static KeyVaultSettings ForPkcs11(Pkcs11VaultOptions options) => new(null, options);
}
