namespace Kavach.Hsm;

/// <summary>A key pair: its shrouded private key, its certificate and the key loaded in memory.</summary>
internal sealed class KeyPairEntry : VaultEntry
{
    public KeyPairEntry(string alias, byte[] localKeyId, byte[] encryptedKey, byte[] certificate, LoadedKey key)
        : base(alias, localKeyId, encryptedKey)
    {
        Certificate = certificate;
        Key = key;
    }

    /// <summary>The DER certificate.</summary>
    public byte[] Certificate { get; }

    /// <summary>The private key, decrypted once at load or creation.</summary>
    public LoadedKey Key { get; }
}
