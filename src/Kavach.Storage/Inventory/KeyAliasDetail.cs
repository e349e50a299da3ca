using Kavach.Keys.Storage;

namespace Kavach.Storage.Inventory;

/// <summary>A key of the inventory with what <c>key_store</c> says of it.</summary>
/// <param name="Alias">The <c>key_alias</c> row.</param>
/// <param name="MasterKeyAlias">The <c>key_store</c> wrapping key (the issuer of a base key's certificate), null when the key is held by the vault.</param>
/// <param name="CertificatePem">The certificate from <c>key_store</c>, null when the key is held by the vault.</param>
public sealed record KeyAliasDetail(KeyAlias Alias, string? MasterKeyAlias, string? CertificatePem)
{
    /// <summary>True when the private key lives in the vault (HSM or PKCS#12 file), not wrapped in the database.</summary>
    public bool InVault => MasterKeyAlias is null;
}
