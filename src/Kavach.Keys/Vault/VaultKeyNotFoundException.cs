namespace Kavach.Keys.Vault;

/// <summary>The vault holds no key under the requested alias.</summary>
public sealed class VaultKeyNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="alias"/>.</summary>
    public VaultKeyNotFoundException(string alias)
        : base($"The key vault holds no key with alias '{alias}'.")
    {
        Alias = alias;
    }

    /// <summary>The alias that was not found.</summary>
    public string Alias { get; }
}
