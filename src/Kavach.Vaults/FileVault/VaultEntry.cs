namespace Kavach.Vaults;

/// <summary>One alias in the vault: the encrypted PKCS#8 bytes exactly as stored, plus the bag's localKeyId.</summary>
internal abstract class VaultEntry
{
    protected VaultEntry(string alias, byte[] localKeyId, byte[] encryptedKey)
    {
        Alias = alias;
        LocalKeyId = localKeyId;
        EncryptedKey = encryptedKey;
    }

    /// <summary>The alias, stored as the PKCS#12 friendlyName.</summary>
    public string Alias { get; }

    /// <summary>The PKCS#12 localKeyId tying the key bag to its certificate bag; random, fixed at creation.</summary>
    public byte[] LocalKeyId { get; }

    /// <summary>
    /// The EncryptedPrivateKeyInfo (PBES2) as it sits in the file. Rewrites copy it unchanged, so adding one key
    /// does not re-run the key derivation for every other key.
    /// </summary>
    public byte[] EncryptedKey { get; }
}
