namespace Kavach.Vaults;

/// <summary>
/// An AES-256 secret key. It stays encrypted in memory too: the vault interface has no operation that uses it yet.
/// </summary>
internal sealed class SecretKeyEntry : VaultEntry
{
    public SecretKeyEntry(string alias, byte[] localKeyId, byte[] encryptedKey)
        : base(alias, localKeyId, encryptedKey)
    {
    }
}
