namespace Kavach.Vaults.Tests.Support;

/// <summary>Fresh vault directories under one temporary root, and the vaults opened on them, cleaned up together.</summary>
internal sealed class Pkcs12Vaults : IDisposable
{
    private readonly TemporaryDirectory _root = new();
    private readonly List<Pkcs12FileVault> _opened = [];
    private int _directories;

    /// <summary>A directory path that does not exist yet.</summary>
    public string NewDirectory() => Path.Combine(_root.Path, $"vault-{Interlocked.Increment(ref _directories)}");

    /// <summary>Opens a vault on <paramref name="directory"/> with the default file names; disposed with this object.</summary>
    public Pkcs12FileVault Open(string directory)
    {
        var vault = Pkcs12FileVault.Open(new Pkcs12VaultOptions(directory), TimeProvider.System);
        lock (_opened)
        {
            _opened.Add(vault);
        }

        return vault;
    }

    /// <summary>The generated password of the vault in <paramref name="directory"/>, without its newline.</summary>
    public static string ReadPassword(string directory) =>
        File.ReadAllText(Path.Combine(directory, "vault.password")).TrimEnd('\n');

    public void Dispose()
    {
        foreach (var vault in _opened)
        {
            vault.Dispose();
        }

        _root.Dispose();
    }
}
