using System.Collections.Frozen;

namespace Kavach.Vaults;

/// <summary>
/// An immutable view of the vault: the entries and the file bytes they came from. Readers take the current
/// snapshot without locking; writers publish a new one.
/// </summary>
internal sealed class VaultSnapshot
{
    public static readonly VaultSnapshot Empty = new(FrozenDictionary<string, VaultEntry>.Empty, null);

    public VaultSnapshot(FrozenDictionary<string, VaultEntry> entries, byte[]? fileBytes)
    {
        Entries = entries;
        FileBytes = fileBytes;
    }

    /// <summary>The entries by alias (ordinal).</summary>
    public FrozenDictionary<string, VaultEntry> Entries { get; }

    /// <summary>The file this snapshot was read from or written to; null when there was no file.</summary>
    public byte[]? FileBytes { get; }

    public static VaultSnapshot Create(IEnumerable<VaultEntry> entries, byte[]? fileBytes) =>
        new(entries.ToFrozenDictionary(entry => entry.Alias, StringComparer.Ordinal), fileBytes);

    /// <summary>The private keys of this snapshot, decrypted or not.</summary>
    public IEnumerable<DeferredKey> Keys() => Entries.Values.OfType<KeyPairEntry>().Select(entry => entry.Key);
}
